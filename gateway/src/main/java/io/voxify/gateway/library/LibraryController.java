package io.voxify.gateway.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.library.AddFavoriteVoiceCommand;
import io.voxify.events.library.FavoritesView;
import io.voxify.events.library.FindFavoritesQuery;
import io.voxify.events.library.FindVoiceStatisticsQuery;
import io.voxify.events.library.RemoveFavoriteVoiceCommand;
import io.voxify.events.library.VoiceStatistics;
import io.voxify.events.library.VoiceStatisticsList;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.Pagination;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.infrastructure.cache.LibraryPageCache;
import io.voxify.infrastructure.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The voice model library: browse and search, details, previews and favourites. */
@Tag(name = "Voice library")
@RestController
@RequestMapping("/api/v1/voice/models")
public class LibraryController {
    private static final List<String> TYPES = List.of("preset", "custom");
    /** Sort fields of the list and the order each takes unless {@code sort_order} says otherwise. */
    private static final Map<String, String> SORT_FIELDS = Map.of("user_rating", "desc", "name", "asc");

    private final VoiceLibrary library;
    private final SemanticSearch search;
    private final PreviewService previews;
    private final QueryGateway queries;
    private final CommandGateway commands;
    private final ViewAwaiter views;
    private final BlobStore blobs;
    private final LibraryPageCache pages;
    private final ObjectMapper json;
    private final LibraryRatings ratings;

    public LibraryController(
            VoiceLibrary library,
            SemanticSearch search,
            PreviewService previews,
            QueryGateway queries,
            CommandGateway commands,
            ViewAwaiter views,
            BlobStore blobs,
            LibraryPageCache pages,
            ObjectMapper json,
            LibraryRatings ratings) {
        this.pages = pages;
        this.ratings = ratings;
        this.json = json;
        this.library = library;
        this.search = search;
        this.previews = previews;
        this.queries = queries;
        this.commands = commands;
        this.views = views;
        this.blobs = blobs;
    }

    /** Whether a list answer came from the page cache ({@code HIT}) or was built now ({@code MISS}). */
    static final String CACHE_HEADER = "X-Cache";

    @Operation(
            summary = "List the voice models the caller can use",
            description = "Query parameters: limit/offset or page/page_size; tags (comma list, all must match); "
                    + "language (zh matches zh-CN); type (preset, custom); owner (me: the caller's clones, system: "
                    + "presets and neural voices, or a user id: that user's clones for administrators, an empty page "
                    + "for anyone else); engine; gender; favorite (true, false); q (semantic search, 500 characters); "
                    + "sort_by (user_rating: highest mean first, voices nobody rates last, ties by name; name) and "
                    + "sort_order (asc, desc).")
    @GetMapping
    ResponseEntity<Envelope<List<VoiceModelResponse>>> list(
            @AuthenticationPrincipal Jwt jwt, @RequestParam Map<String, String> params) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        Map<String, String> errors = new LinkedHashMap<>();
        Pagination page = Pagination.from(params, errors);
        List<String> tags = csv(params.get("tags"));
        String language = trimmed(params.get("language"));
        String type = trimmed(params.get("type"));
        if (type != null && !TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            errors.put("type", "must be preset or custom");
        }
        OwnerFilter owner = OwnerFilter.parse(trimmed(params.get("owner")), user, errors);
        String engine = trimmed(params.get("engine"));
        String gender = trimmed(params.get("gender"));
        String favorite = trimmed(params.get("favorite"));
        if (favorite != null && !List.of("true", "false").contains(favorite)) {
            errors.put("favorite", "must be true or false");
        }
        // Control characters carry no meaning for a description and upset the tokenizer.
        String q = trimmed(params.get("q") == null ? null : params.get("q").replaceAll("\\p{Cntrl}", " "));
        if (q != null && q.length() > 500) {
            errors.put("q", "must be at most 500 characters");
        }
        String sortBy = lower(trimmed(params.get("sort_by")));
        if (sortBy != null && !SORT_FIELDS.containsKey(sortBy)) {
            errors.put("sort_by", "must be one of " + new TreeSet<>(SORT_FIELDS.keySet()));
        }
        String sortOrder = lower(trimmed(params.get("sort_order")));
        if (sortOrder != null && !List.of("asc", "desc").contains(sortOrder)) {
            errors.put("sort_order", "must be asc or desc");
        }
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid query parameters", errors);
        }
        if (sortBy != null && sortOrder == null) {
            sortOrder = SORT_FIELDS.get(sortBy);
        }
        boolean cacheable = owner == null || owner.cacheKey() != null;
        String cacheKey = cacheKey(
                page,
                tags,
                language,
                type,
                owner == null ? null : owner.cacheKey(),
                engine,
                gender,
                favorite,
                q,
                sortBy,
                sortBy == null ? null : sortOrder);
        Optional<CachedPage> cached =
                cacheable ? pages.get(user.userId(), cacheKey).flatMap(this::readPage) : Optional.empty();
        if (cached.isPresent()) {
            return ResponseEntity.ok()
                    .header(CACHE_HEADER, "HIT")
                    .body(Envelope.success(
                            cached.get().data(), null, cached.get().meta()));
        }

        List<VoiceModel> all = new ArrayList<>(library.visibleTo(user));
        if (owner != null && owner.kind() == OwnerFilter.Kind.USER) {
            all.addAll(library.clonesOf(owner.userId()));
        }
        FavoritesView favorites = favorites(user);
        List<VoiceModel> matching = all.stream()
                .filter(v -> v.tags().containsAll(tags))
                .filter(v -> language == null || languageMatches(v.language(), language))
                .filter(v -> type == null || v.type().equalsIgnoreCase(type))
                .filter(v -> owner == null || owner.admits(v))
                .filter(v -> engine == null
                        || v.engine().equalsIgnoreCase(engine)
                        || v.engine().equalsIgnoreCase("clone:" + engine))
                .filter(v -> gender == null || gender.equalsIgnoreCase(v.gender()))
                .filter(v ->
                        favorite == null || favorites.favorites().contains(v.voiceModelId()) == favorite.equals("true"))
                .toList();
        Map<String, Double> similarity = new HashMap<>();
        List<VoiceModel> ranked = new ArrayList<>(matching);
        if (q != null) {
            float[] query = search.embedQuery(q);
            matching.forEach(v -> similarity.put(v.voiceModelId(), search.similarity(query, v.searchText())));
            ranked.sort(Comparator.comparingDouble((VoiceModel v) -> similarity.get(v.voiceModelId()))
                    .reversed());
        }
        List<String> rankedIds = ranked.stream().map(VoiceModel::voiceModelId).toList();
        Map<String, VoiceStatistics> stats = statistics(rankedIds);
        LibraryRatings.Snapshot rated = ratings.of(user.userId(), rankedIds);
        if (sortBy != null) {
            ranked.sort(order(sortBy, sortOrder.equals("desc"), rated));
        }
        List<VoiceModelResponse> items = ranked.stream()
                .skip(page.offset())
                .limit(page.limit())
                .map(v -> {
                    VoiceModelResponse item = VoiceModelResponse.of(v, favorites, stats.get(v.voiceModelId()), rated);
                    return q == null ? item : item.withSimilarity(similarity.get(v.voiceModelId()));
                })
                .toList();
        LibraryFilters filters = new LibraryFilters(
                new TreeSet<>(all.stream().flatMap(v -> v.tags().stream()).toList()),
                new TreeSet<>(all.stream().map(VoiceModel::language).toList()),
                new TreeSet<>(all.stream().map(VoiceModel::type).toList()),
                new TreeSet<>(all.stream().map(VoiceModel::engine).toList()));
        LibraryListMeta meta = new LibraryListMeta(page.page(ranked.size()), filters);
        if (cacheable) {
            writePage(new CachedPage(items, meta)).ifPresent(answer -> pages.put(user.userId(), cacheKey, answer));
        }
        return ResponseEntity.ok().header(CACHE_HEADER, "MISS").body(Envelope.success(items, null, meta));
    }

    /**
     * By the mean rating as shown (one decimal) or by name; voices nobody rates come after the rated ones in
     * either order, and equal ratings go by name (case-insensitive, then id).
     */
    static Comparator<VoiceModel> order(String sortBy, boolean descending, LibraryRatings.Snapshot rated) {
        Comparator<VoiceModel> byName = Comparator.comparing(
                        (VoiceModel v) -> v.name().toLowerCase(Locale.ROOT))
                .thenComparing(VoiceModel::voiceModelId);
        if (sortBy.equals("name")) {
            return descending ? byName.reversed() : byName;
        }
        Comparator<Double> mean = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing((VoiceModel v) -> rated.mean(v.voiceModelId()), Comparator.nullsLast(mean))
                .thenComparing(byName);
    }

    /**
     * The page's key in the cache: only the parameters the list reads, as it reads them (pagination as limit
     * and offset, tags as a sorted set, case-insensitive filters in lower case), in a fixed order and each
     * value URL-encoded. Unknown parameters, their order and equivalent spellings share one page.
     */
    static String cacheKey(
            Pagination page,
            List<String> tags,
            String language,
            String type,
            String owner,
            String engine,
            String gender,
            String favorite,
            String q,
            String sortBy,
            String sortOrder) {
        StringBuilder key = new StringBuilder("limit=")
                .append(page.limit())
                .append("&offset=")
                .append(page.offset());
        appendKey(key, "tags", tags.isEmpty() ? null : String.join(",", new TreeSet<>(tags)));
        appendKey(key, "language", lower(language));
        appendKey(key, "type", lower(type));
        appendKey(key, "owner", owner);
        appendKey(key, "engine", lower(engine));
        appendKey(key, "gender", lower(gender));
        appendKey(key, "favorite", favorite);
        appendKey(key, "q", q);
        appendKey(key, "sort_by", sortBy);
        appendKey(key, "sort_order", sortOrder);
        return key.toString();
    }

    private static void appendKey(StringBuilder key, String name, String value) {
        if (value != null) {
            key.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /**
     * A page as the cache keeps it: the envelope's {@code data} and {@code meta} as JSON, read back into the same
     * records, so a hit answers the text a miss would have (and a page another node cached reads the same).
     */
    record CachedPage(List<VoiceModelResponse> data, LibraryListMeta meta) {}

    private Optional<String> writePage(CachedPage page) {
        try {
            return Optional.of(json.writeValueAsString(page));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private Optional<CachedPage> readPage(String page) {
        try {
            return Optional.of(json.readValue(page, CachedPage.class));
        } catch (JsonProcessingException corrupt) {
            return Optional.empty();
        }
    }

    @ApiErrors({ErrorCode.VOICE_MODEL_NOT_FOUND})
    @GetMapping("/{voiceModelId}")
    ResponseEntity<Envelope<VoiceModelDetailsResponse>> get(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String voiceModelId) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        VoiceModel voice = library.find(user, voiceModelId);
        VoiceStatistics stats = statistics(List.of(voiceModelId)).get(voiceModelId);
        LibraryRatings.Snapshot rated = ratings.of(user.userId(), List.of(voiceModelId));
        return Envelope.ok(VoiceModelDetailsResponse.of(voice, favorites(user), stats, rated));
    }

    @ApiErrors({ErrorCode.VOICE_MODEL_NOT_FOUND})
    @GetMapping("/{voiceModelId}/preview")
    ResponseEntity<Envelope<VoicePreviewResponse>> preview(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String voiceModelId) {
        VoiceModel voice = library.find(AuthenticatedUser.from(jwt), voiceModelId);
        PreviewService.Preview preview = previews.previewOf(voice);
        return Envelope.ok(new VoicePreviewResponse(
                voiceModelId,
                VoiceModelResponse.audioUrl(voiceModelId),
                voice.previewText(),
                preview.durationSeconds(),
                preview.format(),
                preview.sampleRate()));
    }

    @ApiErrors({ErrorCode.VOICE_MODEL_NOT_FOUND})
    @GetMapping("/{voiceModelId}/preview/audio")
    ResponseEntity<Resource> previewAudio(@AuthenticationPrincipal Jwt jwt, @PathVariable String voiceModelId)
            throws IOException {
        VoiceModel voice = library.find(AuthenticatedUser.from(jwt), voiceModelId);
        PreviewService.Preview preview = previews.previewOf(voice);
        byte[] bytes;
        try (InputStream in = blobs.open(preview.blobKey(), 0)) {
            bytes = in.readAllBytes();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("audio/wav"))
                .header(
                        "Content-Disposition",
                        ContentDisposition.inline()
                                .filename(voiceModelId + "-preview.wav")
                                .build()
                                .toString())
                .body(new ByteArrayResource(bytes));
    }

    @ApiErrors({ErrorCode.VOICE_MODEL_NOT_FOUND})
    @PostMapping("/{voiceModelId}/favorite")
    ResponseEntity<Envelope<FavoriteResponse>> favorite(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String voiceModelId) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        library.find(user, voiceModelId);
        commands.sendAndWait(new AddFavoriteVoiceCommand(favoritesId(user), user.userId(), voiceModelId));
        return favoriteAnswer(user, voiceModelId, true, "Voice model added to favorites");
    }

    @ApiErrors({ErrorCode.VOICE_MODEL_NOT_FOUND})
    @DeleteMapping("/{voiceModelId}/favorite")
    ResponseEntity<Envelope<FavoriteResponse>> unfavorite(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String voiceModelId) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        library.find(user, voiceModelId);
        if (favorites(user).favorites().contains(voiceModelId)) {
            commands.sendAndWait(new RemoveFavoriteVoiceCommand(favoritesId(user), user.userId(), voiceModelId));
        }
        return favoriteAnswer(user, voiceModelId, false, "Voice model removed from favorites");
    }

    private ResponseEntity<Envelope<FavoriteResponse>> favoriteAnswer(
            AuthenticatedUser user, String voiceModelId, boolean expected, String message) {
        FavoritesView view = views.await(
                        new FindFavoritesQuery(user.userId()),
                        FavoritesView.class,
                        v -> v.favorites().contains(voiceModelId) == expected,
                        Duration.ofSeconds(10))
                .orElseGet(() -> favorites(user));
        pages.invalidate(user.userId());
        return Envelope.ok(
                new FavoriteResponse(
                        voiceModelId,
                        view.favorites().contains(voiceModelId),
                        view.favoritesCount().getOrDefault(voiceModelId, 0L)),
                message);
    }

    private FavoritesView favorites(AuthenticatedUser user) {
        return queries.query(new FindFavoritesQuery(user.userId()), FavoritesView.class)
                .join();
    }

    private Map<String, VoiceStatistics> statistics(List<String> ids) {
        Map<String, VoiceStatistics> out = new HashMap<>();
        queries.query(new FindVoiceStatisticsQuery(ids), VoiceStatisticsList.class)
                .join()
                .items()
                .forEach(s -> out.put(s.voiceModelId(), s));
        return out;
    }

    /** "zh" matches zh-CN; "en-US" matches only en-US (case-insensitive). */
    static boolean languageMatches(String voiceLanguage, String wanted) {
        String v = voiceLanguage.toLowerCase(Locale.ROOT);
        String w = wanted.toLowerCase(Locale.ROOT);
        return w.contains("-") ? v.equals(w) : v.equals(w) || v.startsWith(w + "-");
    }

    private static String favoritesId(AuthenticatedUser user) {
        return "fav_" + user.userId();
    }

    private static List<String> csv(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
