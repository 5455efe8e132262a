package io.voxify.inference.ssml;

import io.voxify.inference.text.NormalizedText;

/** What an SSML document asks for, in order: speech, silence and named points in time. */
public sealed interface SsmlPiece {

    /**
     * Text to speak with its prosody and language ({@code null}: the voice's own). {@code spoken} is traced to
     * document positions; {@code sayAs} is set for a {@code <say-as>} whose reading depends on the language.
     */
    record Speech(NormalizedText spoken, Prosody prosody, String language, SayAs sayAs) implements SsmlPiece {

        /** The text to read for a voice of {@code language}: say-as expansions are English words. */
        public NormalizedText textFor(String voiceLanguage) {
            return sayAs == null ? spoken : sayAs.read(voiceLanguage);
        }
    }

    /** Silence of a {@code <break>}, in seconds. */
    record Pause(double seconds) implements SsmlPiece {}

    /** A {@code <mark>}: {@code offset} is where it stands in the document. */
    record Mark(String name, int offset) implements SsmlPiece {}
}
