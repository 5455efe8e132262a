package io.voxify.inference.text;

import com.atilika.kuromoji.ipadic.Token;
import com.atilika.kuromoji.ipadic.Tokenizer;
import java.util.List;

/**
 * Japanese for espeak-ng's {@code ja} voice, which reads kana but not kanji: kuromoji (IPADIC) splits the text
 * into morphemes and each is replaced by its pronunciation in katakana. The pronunciation, unlike the reading,
 * is how the word sounds: the topic particle は is ワ, へ is エ, and long vowels are written with ー, all of which
 * espeak-ng speaks as such. Words the dictionary does not know keep their reading, else their surface (kana,
 * digits and Latin letters espeak-ng reads on its own).
 *
 * <p>Morphemes are grouped into phrases (bunsetsu): particles, auxiliaries and suffixes join the word before
 * them, phrases are separated by spaces. espeak-ng then places one accent per phrase and reports a word event
 * per phrase, which maps back onto the phrase's source characters.
 *
 * <p>The dictionary takes about a second and some tens of megabytes to load, so one instance is shared.
 */
public final class JapaneseFrontEnd implements LanguageFrontEnd {

    private static final String UNKNOWN = "*";

    private final Tokenizer tokenizer;

    JapaneseFrontEnd() {
        tokenizer = new Tokenizer();
    }

    private static final class Holder {
        static final JapaneseFrontEnd INSTANCE = new JapaneseFrontEnd();
    }

    public static JapaneseFrontEnd shared() {
        return Holder.INSTANCE;
    }

    @Override
    public NormalizedText prepare(String source, int start, int end) {
        String slice = source.substring(start, end);
        List<Token> tokens;
        // kuromoji does not promise a thread-safe tokenizer; a sentence takes well under a millisecond.
        synchronized (tokenizer) {
            tokens = tokenizer.tokenize(slice);
        }
        NormalizedText.Builder out = new NormalizedText.Builder();
        for (Token token : tokens) {
            String surface = token.getSurface();
            if (surface.isBlank()) {
                appendSpace(out, start + token.getPosition());
                continue;
            }
            int from = start + token.getPosition();
            int to = from + surface.length();
            if (out.lastChar() != ' ' && !attachesToPrevious(token)) {
                out.append(" ", from, from + 1);
            }
            out.append(spoken(token), from, to);
        }
        return out.build();
    }

    /** Katakana as the word is pronounced; kana, digits and Latin text the dictionary lacks stay as written. */
    static String spoken(Token token) {
        String pronunciation = token.getPronunciation();
        if (usable(pronunciation)) {
            return pronunciation;
        }
        String reading = token.getReading();
        return usable(reading) ? reading : token.getSurface();
    }

    private static boolean usable(String field) {
        return field != null && !field.isEmpty() && !field.equals(UNKNOWN);
    }

    /** Particles (助詞), auxiliaries (助動詞), suffixes (接尾) and punctuation (記号) belong to the phrase before. */
    private static boolean attachesToPrevious(Token token) {
        String pos = token.getPartOfSpeechLevel1();
        return pos.equals("助詞")
                || pos.equals("助動詞")
                || pos.equals("記号")
                || token.getPartOfSpeechLevel2().equals("接尾");
    }

    private static void appendSpace(NormalizedText.Builder out, int at) {
        if (out.lastChar() != ' ') {
            out.append(" ", at, at + 1);
        }
    }
}
