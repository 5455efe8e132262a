package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.clone.CloneProfile;

/**
 * The parameters a fit found for a clone (or a training run for its best candidate).
 *
 * @param pauseFactor 1.0 for profiles fitted before pauses were measured
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CloneProfileResponse(
        String baseVoice,
        double pitchFactor,
        double pitchRangeFactor,
        double speedFactor,
        double formantScale,
        double breathiness,
        double pauseFactor) {

    static CloneProfileResponse of(CloneProfile p) {
        return p == null
                ? null
                : new CloneProfileResponse(
                        p.baseVoiceId(),
                        p.pitchFactor(),
                        p.pitchRangeFactor(),
                        p.speedFactor(),
                        p.formantScale(),
                        p.breathiness(),
                        p.pauseFactor() == null ? 1.0 : p.pauseFactor());
    }
}
