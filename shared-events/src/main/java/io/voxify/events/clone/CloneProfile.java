package io.voxify.events.clone;

/**
 * How a clone speaks: a built-in base voice and the adjustments fitted to the user's samples.
 * Parameters, not audio: the recordings themselves never enter an event.
 */
public record CloneProfile(String baseVoiceId, double pitchFactor, double pitchRangeFactor, double speedFactor,
                           double formantScale, double breathiness) {
}
