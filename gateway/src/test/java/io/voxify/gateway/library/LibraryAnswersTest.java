package io.voxify.gateway.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.library.FavoritesView;
import io.voxify.events.library.UserRatingsView;
import io.voxify.events.library.VoiceRating;
import io.voxify.events.library.VoiceStatistics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The library's records write what its hand-built maps wrote, key for key and in order, nulls included: each
 * expected text below is what the map wrote for the same voice before the record replaced it.
 */
class LibraryAnswersTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678912Z");
    private static final String TIME = "\"2026-01-02T03:04:05.678Z\"";

    private static final String PRESET =
            "{\"voice_model_id\":\"preset_x\",\"name\":\"Gentle\",\"type\":\"preset\",\"engine\":\"espeak\","
                    + "\"tags\":[\"female\",\"gentle\"],\"language\":\"en-US\",\"gender\":\"female\","
                    + "\"description\":\"A gentle voice\",\"sample_audio_url\":\"/api/v1/voice/models/preset_x/preview/audio\","
                    + "\"preview_text\":\"Hello there.\",\"quality_score\":null,\"usage_count\":12,\"is_favorite\":true,"
                    + "\"favorites_count\":3,\"user_rating\":4.5,\"rating_count\":2,\"my_rating\":5,\"created_at\":"
                    + TIME;
    private static final String CLONE =
            "{\"voice_model_id\":\"vc_1\",\"name\":\"Mine\",\"type\":\"custom\",\"engine\":\"clone:espeak\","
                    + "\"tags\":[\"custom\"],\"language\":\"en-US\",\"gender\":null,\"description\":null,"
                    + "\"sample_audio_url\":\"/api/v1/voice/models/vc_1/preview/audio\",\"preview_text\":\"Hello, mine.\","
                    + "\"quality_score\":0.77,\"usage_count\":0,\"is_favorite\":false,\"favorites_count\":0,"
                    + "\"user_rating\":null,\"rating_count\":0,\"my_rating\":null,\"created_at\":" + TIME
                    + ",\"owner_id\":\"user_1\",\"clone_id\":\"vc_1\"";
    private static final String MODEL_CONFIG = "\"model_config\":{\"sample_rate\":22050,"
            + "\"supported_formats\":[\"wav\",\"mp3\",\"flac\"],"
            + "\"supported_sample_rates\":[8000,16000,22050,24000,44100,48000],\"max_text_length\":10000,"
            + "\"supports_emotions\":[\"neutral\",\"happy\",\"sad\",\"excited\"],\"supports_speed_range\":[0.5,3.0],"
            + "\"supports_pitch_range\":[0.5,2.0]}";

    private final ObjectMapper json = new ObjectMapper();

    private static VoiceModel preset() {
        return new VoiceModel(
                "preset_x",
                "Gentle",
                "preset",
                "espeak",
                "en-us",
                List.of("female", "gentle"),
                "en-US",
                "female",
                "A gentle voice",
                "Hello there.",
                null,
                null,
                null,
                AT,
                AT,
                "v1");
    }

    private static VoiceModel clone(String id) {
        return new VoiceModel(
                id,
                "Mine",
                "custom",
                "clone:espeak",
                "en-us",
                List.of("custom"),
                "en-US",
                null,
                null,
                "Hello, mine.",
                0.77,
                "user_1",
                id,
                AT,
                Instant.parse("2026-01-03T00:00:00Z"),
                "3");
    }

    private static final FavoritesView FAVOURED = new FavoritesView(Set.of("preset_x"), Map.of("preset_x", 3L));
    private static final FavoritesView NO_FAVOURITES = new FavoritesView(Set.of(), Map.of());
    private static final LibraryRatings.Snapshot RATED = new LibraryRatings.Snapshot(
            new UserRatingsView("user_1", Map.of("preset_x", 5), 1),
            Map.of("preset_x", new VoiceRating("preset_x", 9, 2)));
    private static final LibraryRatings.Snapshot UNRATED =
            new LibraryRatings.Snapshot(new UserRatingsView("user_1", Map.of(), -1), Map.of());
    private static final VoiceStatistics USED = new VoiceStatistics("preset_x", 12, 9, 1, 1.5, 40.0);

    @Test
    void aListedPresetWritesItsKeysInTheOrderTheMapHadAndNoOwner() throws Exception {
        VoiceModelResponse listed = VoiceModelResponse.of(preset(), FAVOURED, USED, RATED);
        assertThat(json.writeValueAsString(listed)).isEqualTo(PRESET + "}");
        assertThat(json.writeValueAsString(listed.withSimilarity(0.812345)))
                .as("a search adds its similarity last, to four decimals")
                .isEqualTo(PRESET + ",\"similarity\":0.8123}");
    }

    @Test
    void aListedCloneWritesItsOwnerAndCloneIdAfterItsCreationTime() throws Exception {
        VoiceModelResponse listed = VoiceModelResponse.of(clone("vc_1"), NO_FAVOURITES, null, UNRATED);
        assertThat(json.writeValueAsString(listed)).isEqualTo(CLONE + "}");
        assertThat(json.writeValueAsString(listed.withSimilarity(0.5)))
                .as("a whole similarity stays a decimal")
                .isEqualTo(CLONE + ",\"similarity\":0.5}");
    }

    @Test
    void aVoiceInDetailWritesTheListedKeysThenItsConfigStatisticsAndUpdateTime() throws Exception {
        assertThat(json.writeValueAsString(VoiceModelDetailsResponse.of(preset(), FAVOURED, USED, RATED)))
                .isEqualTo(PRESET + "," + MODEL_CONFIG
                        + ",\"statistics\":{\"average_synthesis_time\":1.5,\"success_rate\":0.9,\"usage_count\":12,"
                        + "\"total_audio_seconds\":40.0,\"user_rating\":4.5,\"rating_count\":2,\"my_rating\":5},"
                        + "\"updated_at\":" + TIME + "}");
    }

    @Test
    void anUnusedCloneInDetailWritesNullsWhereTheMapHadThem() throws Exception {
        String unused = ",\"statistics\":{\"average_synthesis_time\":null,\"success_rate\":null,\"usage_count\":0,"
                + "\"total_audio_seconds\":0.0,\"user_rating\":null,\"rating_count\":0,\"my_rating\":null},"
                + "\"updated_at\":\"2026-01-03T00:00:00.000Z\"}";
        assertThat(json.writeValueAsString(VoiceModelDetailsResponse.of(clone("vc_1"), NO_FAVOURITES, null, UNRATED)))
                .isEqualTo(CLONE + "," + MODEL_CONFIG + unused);
        VoiceStatistics unfinished = new VoiceStatistics("vc_1", 2, 0, 0, 0.0, 0.0);
        assertThat(json.writeValueAsString(
                        VoiceModelDetailsResponse.of(clone("vc_1"), NO_FAVOURITES, unfinished, UNRATED)))
                .as("no job completed yet: no average time, no success rate")
                .contains("\"statistics\":{\"average_synthesis_time\":null,\"success_rate\":null,\"usage_count\":2,"
                        + "\"total_audio_seconds\":0.0,");
    }

    @Test
    void aFliteVoiceShowsItsOwnSampleRate() {
        VoiceModel flite = new VoiceModel(
                "preset_f",
                "F",
                "preset",
                "flite",
                "slt",
                List.of(),
                "en-US",
                null,
                null,
                "Hi.",
                null,
                null,
                null,
                AT,
                AT,
                "v1");
        assertThat(VoiceModelDetailsResponse.of(flite, NO_FAVOURITES, null, UNRATED)
                        .modelConfig()
                        .sampleRate())
                .isEqualTo(16000);
    }

    @Test
    void aPreviewWritesItsKeysInTheOrderTheMapHad() throws Exception {
        assertThat(json.writeValueAsString(new VoicePreviewResponse(
                        "preset_x", VoiceModelResponse.audioUrl("preset_x"), "Hello there.", 2.0, "wav", 22050)))
                .isEqualTo(
                        "{\"voice_model_id\":\"preset_x\","
                                + "\"preview_audio_url\":\"/api/v1/voice/models/preset_x/preview/audio\","
                                + "\"preview_text\":\"Hello there.\",\"duration\":2.0,\"format\":\"wav\",\"sample_rate\":22050}");
    }

    @Test
    void theListsFiltersWriteEachSetSortedInTheOrderTheMapHad() throws Exception {
        assertThat(json.writeValueAsString(new LibraryFilters(
                        new TreeSet<>(List.of("gentle", "female", "custom")),
                        new TreeSet<>(List.of("zh-CN", "en-US")),
                        new TreeSet<>(List.of("preset", "custom")),
                        new TreeSet<>(List.of("espeak", "clone:espeak")))))
                .isEqualTo("{\"available_tags\":[\"custom\",\"female\",\"gentle\"],"
                        + "\"available_languages\":[\"en-US\",\"zh-CN\"],\"available_types\":[\"custom\",\"preset\"],"
                        + "\"available_engines\":[\"clone:espeak\",\"espeak\"]}");
    }

    @Test
    void aCachedPageReadsBackAsTheSameText() throws Exception {
        List<VoiceModelResponse> page = List.of(
                VoiceModelResponse.of(preset(), FAVOURED, USED, RATED).withSimilarity(0.25),
                VoiceModelResponse.of(clone("vc_1"), NO_FAVOURITES, null, UNRATED));
        String written = json.writeValueAsString(page);
        Object cached = json.readValue(written, new TypeReference<List<Map<String, Object>>>() {});
        assertThat(json.writeValueAsString(cached)).isEqualTo(written);
    }
}
