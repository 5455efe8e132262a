package io.voxify.inference.synthesis;

import io.voxify.inference.text.NormalizedText;
import io.voxify.inference.text.TextSpan;

/** What the audio is made of, in order: speech, silence and named instants. */
sealed interface Step {

    /**
     * One sentence (or, in SSML, the part of one with its own settings) for one voice. {@code sentence} is what
     * sentence timestamps show; {@code endsSentence} puts the pause between sentences after it.
     */
    record Say(Voice voice, TextSpan sentence, NormalizedText text, Settings settings, boolean endsSentence)
            implements Step {}

    record Pause(double seconds) implements Step {}

    record Mark(String name, int offset) implements Step {}
}
