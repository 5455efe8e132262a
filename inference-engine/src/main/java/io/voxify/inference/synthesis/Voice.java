package io.voxify.inference.synthesis;

import io.voxify.inference.piper.PiperVoice;

/**
 * A voice of the catalogue as the engines see it: {@code engineName} is the name Flite or espeak-ng selects by
 * (for a Piper voice, the espeak-ng voice that phonemises its text), {@code speaker} the model's speaker id.
 */
public record Voice(String id, boolean flite, String engineName, String language, PiperVoice piper, int speaker) {

    /** Voices whose pitch and range are set in post-processing (the engine has no control of its own). */
    boolean shiftedAfterwards() {
        return flite || piper != null;
    }
}
