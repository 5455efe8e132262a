package io.voxify.saga.voice;

import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneQuery;
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
    private final QueryGateway queries;

    public VoiceDirectory(QueryGateway queries) {
        this.queries = queries;
    }

    public Optional<VoiceBinding> resolve(String voiceModelId, String userId) {
        if (voiceModelId == null) {
            return Optional.empty();
        }
        Optional<VoiceBinding> preset = PresetCatalog.find(voiceModelId)
                .map(p -> new VoiceBinding(p.voiceModelId(), p.engineVoiceId(), p.language(), null));
        if (preset.isPresent() || !voiceModelId.startsWith("vc_")) {
            return preset;
        }
        return queries.query(new FindCloneQuery(voiceModelId), ResponseTypes.optionalInstanceOf(CloneView.class))
                .join()
                .filter(c -> c.userId().equals(userId) && c.status() == CloneStatus.READY && c.profile() != null)
                .map(c -> new VoiceBinding(c.cloneId(), c.profile().baseVoiceId(),
                        c.language() != null ? c.language() : "en-US", c.profile()));
    }
}
