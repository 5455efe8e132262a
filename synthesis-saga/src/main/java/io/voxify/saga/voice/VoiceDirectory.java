package io.voxify.saga.voice;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Resolves a voice model id to what the engine speaks with, as seen by one user: presets for
 * everyone (a user's own clones join here when cloning lands).
 */
@Component
public class VoiceDirectory {

    public Optional<VoiceBinding> resolve(String voiceModelId, String userId) {
        return PresetCatalog.find(voiceModelId)
                .map(p -> new VoiceBinding(p.voiceModelId(), p.engineVoiceId(), p.language()));
    }
}
