package io.voxify.gateway.library;

import io.voxify.catalogue.PresetCatalog;
import io.voxify.catalogue.PresetVoice;
import io.voxify.catalogue.VoiceDirectory;
import io.voxify.events.clone.ClonePage;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindClonesQuery;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.inference.VoiceInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/** The voices a user can choose from: every preset and their own ready clones. */
@Service
public class VoiceLibrary {
    /** When this version of the preset catalogue was published; presets carry it as their creation time. */
    static final Instant CATALOGUE_PUBLISHED = Instant.parse("2026-11-25T00:00:00Z");

    private static final int MAX_CLONES = 1000;

    private final QueryGateway queries;
    private final VoiceDirectory directory;

    public VoiceLibrary(QueryGateway queries, VoiceDirectory directory) {
        this.queries = queries;
        this.directory = directory;
    }

    List<VoiceModel> visibleTo(AuthenticatedUser user) {
        List<VoiceModel> all = new ArrayList<>();
        PresetCatalog.all().forEach(p -> all.add(preset(p)));
        directory.neuralVoices().forEach(v -> all.add(neural(v)));
        all.addAll(clonesOf(user.userId()));
        return all;
    }

    /** A user's ready clones: the caller's own, or another user's for an administrator's owner filter. */
    List<VoiceModel> clonesOf(String ownerId) {
        ClonePage clones = queries.query(
                        new FindClonesQuery(ownerId, List.of(CloneStatus.READY), null, MAX_CLONES, 0), ClonePage.class)
                .join();
        return clones.items().stream().map(VoiceLibrary::clone).toList();
    }

    VoiceModel find(AuthenticatedUser user, String voiceModelId) {
        return visibleTo(user).stream()
                .filter(v -> v.voiceModelId().equals(voiceModelId))
                .findFirst()
                .orElseThrow(() -> new DomainException(
                        ErrorCode.VOICE_MODEL_NOT_FOUND, "Voice model " + voiceModelId + " was not found"));
    }

    /**
     * The name of a voice every user shares (a preset or an installed neural voice); clones are
     * personal and named by their owners.
     */
    public Optional<String> sharedVoiceName(String voiceModelId) {
        return PresetCatalog.find(voiceModelId)
                .map(p -> preset(p).name())
                .or(() -> directory.neuralVoices().stream()
                        .filter(v -> VoiceDirectory.neuralVoiceModelId(v).equals(voiceModelId))
                        .findFirst()
                        .map(v -> neural(v).name()));
    }

    static VoiceModel preset(PresetVoice p) {
        return new VoiceModel(
                p.voiceModelId(),
                p.name(),
                "preset",
                engineOf(p.engineVoiceId()),
                p.engineVoiceId(),
                p.tags(),
                p.language(),
                p.gender(),
                p.description(),
                p.previewText(),
                null,
                null,
                null,
                CATALOGUE_PUBLISHED,
                CATALOGUE_PUBLISHED,
                Integer.toHexString(Objects.hash(p.engineVoiceId(), p.previewText())));
    }

    static VoiceModel neural(VoiceInfo v) {
        String name = v.voiceId().substring("piper:".length());
        return new VoiceModel(
                VoiceDirectory.neuralVoiceModelId(v),
                name,
                "preset",
                "piper",
                v.voiceId(),
                List.of("neural"),
                v.language(),
                null,
                v.description(),
                "Hello, this is a neural voice speaking through Voxify.",
                null,
                null,
                null,
                CATALOGUE_PUBLISHED,
                CATALOGUE_PUBLISHED,
                Integer.toHexString(Objects.hash(v.voiceId(), v.nativeSampleRate())));
    }

    static VoiceModel clone(CloneView c) {
        String base = c.profile().baseVoiceId();
        List<String> tags = List.of("custom", "clone", "personal");
        String description = c.description() != null && !c.description().isBlank()
                ? c.description()
                : "Voice clone fitted to " + c.sampleIds().size() + " recording(s) of its owner";
        return new VoiceModel(
                c.cloneId(),
                c.name(),
                "custom",
                "clone:" + engineOf(base),
                base,
                tags,
                c.language() == null ? "en-US" : c.language(),
                null,
                description,
                "Hello, this is my own voice, speaking through Voxify.",
                c.quality() == null ? null : c.quality().qualityScore(),
                c.userId(),
                c.cloneId(),
                c.createdAt(),
                c.updatedAt(),
                Long.toString(c.version()));
    }

    static String engineOf(String engineVoiceId) {
        int colon = engineVoiceId.indexOf(':');
        return colon < 0 ? engineVoiceId : engineVoiceId.substring(0, colon).toLowerCase(Locale.ROOT);
    }
}
