package io.voxify.catalogue;

import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.VoiceInfo;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Resolves a voice model id to what the engine speaks with, as seen by one user: presets for
 * everyone, and the user's own ready clones.
 */
@Component
public class VoiceDirectory {
    public static final String NEURAL_PREFIX = "piper_";

    private final QueryGateway queries;
    private final SpeechSynthesizer synthesizer;

    public VoiceDirectory(QueryGateway queries, SpeechSynthesizer synthesizer) {
        this.queries = queries;
        this.synthesizer = synthesizer;
    }

    /** The Piper voices installed here, as library voices: {@code piper_<name>} for engine voice {@code piper:<name>}. */
    public List<VoiceInfo> neuralVoices() {
        return synthesizer.voices().stream()
                .filter(v -> v.engine().equals("piper"))
                .toList();
    }

    public static String neuralVoiceModelId(VoiceInfo voice) {
        return NEURAL_PREFIX + voice.voiceId().substring("piper:".length());
    }

    public Optional<VoiceBinding> resolve(String voiceModelId, String userId) {
        if (voiceModelId == null) {
            return Optional.empty();
        }
        Optional<VoiceBinding> preset = PresetCatalog.find(voiceModelId)
                .map(p -> new VoiceBinding(p.voiceModelId(), p.engineVoiceId(), p.language(), null));
        if (preset.isPresent()) {
            return preset;
        }
        if (voiceModelId.startsWith(NEURAL_PREFIX)) {
            return neuralVoices().stream()
                    .filter(v -> neuralVoiceModelId(v).equals(voiceModelId))
                    .findFirst()
                    .map(v -> new VoiceBinding(voiceModelId, v.voiceId(), v.language(), null));
        }
        if (!voiceModelId.startsWith("vc_")) {
            return Optional.empty();
        }
        return queries.query(new FindCloneQuery(voiceModelId), ResponseTypes.optionalInstanceOf(CloneView.class))
                .join()
                .filter(c -> c.userId().equals(userId) && c.status() == CloneStatus.READY && c.profile() != null)
                .map(c -> new VoiceBinding(
                        c.cloneId(),
                        c.profile().baseVoiceId(),
                        c.language() != null ? c.language() : "en-US",
                        c.profile()));
    }

    /**
     * A voice every user may use whose engine voice a clone can start from: a preset or an installed neural
     * voice. Clones are not bases (a profile applies to an engine voice, not to another profile).
     */
    public Optional<VoiceBinding> cloneBase(String voiceModelId) {
        if (voiceModelId == null) {
            return Optional.empty();
        }
        Optional<VoiceBinding> preset = PresetCatalog.find(voiceModelId)
                .filter(p -> synthesizer.supports(p.engineVoiceId()))
                .map(p -> new VoiceBinding(p.voiceModelId(), p.engineVoiceId(), p.language(), null));
        if (preset.isPresent() || !voiceModelId.startsWith(NEURAL_PREFIX)) {
            return preset;
        }
        return neuralVoices().stream()
                .filter(v -> neuralVoiceModelId(v).equals(voiceModelId))
                .findFirst()
                .map(v -> new VoiceBinding(voiceModelId, v.voiceId(), v.language(), null));
    }
}
