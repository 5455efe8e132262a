package io.voxify.inference.text;

import java.util.Locale;

/**
 * Turns a slice of the request text into what an engine can read for one language, keeping every engine
 * character traced to the source characters it came from (for timestamps).
 */
@FunctionalInterface
public interface LanguageFrontEnd {

    /** Spoken as written. */
    LanguageFrontEnd IDENTITY = (source, start, end) -> NormalizedText.identity(source.substring(start, end), start);

    /** English: numbers, dates, currency and abbreviations spelled out. */
    LanguageFrontEnd ENGLISH = TextNormalizer::normalize;

    /** The source range [start, end) prepared for the engine. */
    NormalizedText prepare(String source, int start, int end);

    /**
     * The front-end for a voice's language (espeak-ng or BCP-47 style, "ja", "en-gb", "en-US"). Japanese needs
     * its kanji read first: espeak-ng speaks kana but calls every kanji a "Chinese letter".
     */
    static LanguageFrontEnd forLanguage(String language) {
        String primary =
                language == null ? "" : language.toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return switch (primary) {
            case "en" -> ENGLISH;
            case "ja", "jpx" -> JapaneseFrontEnd.shared();
            default -> IDENTITY;
        };
    }
}
