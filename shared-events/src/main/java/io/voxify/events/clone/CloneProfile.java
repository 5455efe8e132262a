package io.voxify.events.clone;

/**
 * How a clone speaks: a built-in base voice and the adjustments fitted to the user's samples.
 * Parameters, not audio: the recordings themselves never enter an event.
 *
 * @param pauseFactor factor on the length of the voice's pauses, set when training aligned its timing to
 *                    the speaker; null keeps the engine's own (every profile before revision 2 of the events
 *                    that carry one, and every fitted one)
 */
public record CloneProfile(
        String baseVoiceId,
        double pitchFactor,
        double pitchRangeFactor,
        double speedFactor,
        double formantScale,
        double breathiness,
        Double pauseFactor) {}
