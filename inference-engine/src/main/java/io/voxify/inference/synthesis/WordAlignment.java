package io.voxify.inference.synthesis;

import io.voxify.inference.Timestamp;
import io.voxify.inference.audio.Pauses;
import io.voxify.inference.engine.WordTiming;
import io.voxify.inference.text.NormalizedText;
import io.voxify.inference.text.TextSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Word timestamps from the engines' timings to the output: through the trimming, the pause scaling and the
 * time stretch of post-processing, then onto the output timeline and the characters of the request text.
 */
public final class WordAlignment {

    /** A silence between two words shorter than this is part of the speech, not a pause. */
    public static final double MIN_WORD_GAP_SECONDS = 0.02;

    private WordAlignment() {}

    /**
     * The engine's pauses inside a sentence: the silences it leaves between one word's end and the next word's
     * start (Flite's pauses at punctuation), as samples of the trimmed audio that starts at {@code from}.
     * espeak-ng's and Piper's timings leave no such gaps, so only their sentence gaps follow a pause factor.
     */
    static List<int[]> gapsBetweenWords(List<WordTiming> words, int from, int length, int rate) {
        List<int[]> gaps = new ArrayList<>();
        int minGap = (int) Math.round(MIN_WORD_GAP_SECONDS * rate);
        for (int i = 0; i + 1 < words.size(); i++) {
            int start = (int) Math.round(words.get(i).end() * rate) - from;
            int end = (int) Math.round(words.get(i + 1).start() * rate) - from;
            start = Math.max(start, gaps.isEmpty() ? 0 : gaps.get(gaps.size() - 1)[1]);
            end = Math.min(end, length);
            if (end - start >= minGap) {
                gaps.add(new int[] {start, end});
            }
        }
        return gaps;
    }

    /**
     * Engine word times on the processed sentence: the audio was cut {@code shift} seconds from its start, its
     * pauses scaled ({@code paused}) and then stretched by {@code stretch}; every time stays within the
     * sentence's {@code duration}.
     */
    static List<WordTiming> throughProcessing(
            List<WordTiming> engineWords, double shift, Pauses.Scaled paused, double stretch, double duration) {
        List<WordTiming> words = new ArrayList<>(engineWords.size());
        for (WordTiming w : engineWords) {
            double start = clamp(paused.map(w.start() - shift) / stretch, 0, duration);
            double end = clamp(paused.map(w.end() - shift) / stretch, start, duration);
            words.add(new WordTiming(w.charStart(), w.charEnd(), start, end));
        }
        return words;
    }

    /**
     * Engine words onto the output timeline and the request text. Words an expansion produced from one
     * source token ("$5" spoken as "five dollars") become one timestamp over the token, as do pieces of one
     * written word joined by an apostrophe or hyphen.
     */
    static List<Timestamp> onText(
            String source, NormalizedText sentence, List<WordTiming> engineWords, double offset, double chunkEnd) {
        List<Timestamp> out = new ArrayList<>();
        int lastEnd = -1;
        double lastTime = offset;
        for (WordTiming w : engineWords) {
            int[] range = sentence.sourceRange(w.charStart(), w.charEnd());
            int cs = range[0];
            int ce = range[1];
            while (cs < ce && !Character.isLetterOrDigit(source.codePointAt(cs)) && !isCurrency(source.charAt(cs))) {
                cs++;
            }
            while (ce > cs && !Character.isLetterOrDigit(source.charAt(ce - 1)) && source.charAt(ce - 1) != '%') {
                ce--;
            }
            if (ce <= cs) {
                continue;
            }
            ce = extendOverContraction(source, ce);
            double start = Math.max(lastTime, offset + w.start());
            double end = Math.min(chunkEnd, Math.max(start, offset + w.end()));
            if (!out.isEmpty() && (cs < lastEnd || joinedWithinWord(source, lastEnd, cs))) {
                Timestamp prev = out.remove(out.size() - 1);
                int mergedStart = Math.min(prev.charStart(), cs);
                int mergedEnd = Math.max(prev.charEnd(), ce);
                out.add(new Timestamp(
                        source.substring(mergedStart, mergedEnd),
                        "word",
                        prev.start(),
                        round(Math.max(prev.end(), end)),
                        mergedStart,
                        mergedEnd));
            } else {
                out.add(new Timestamp(source.substring(cs, ce), "word", round(start), round(end), cs, ce));
            }
            lastEnd = Math.max(lastEnd, ce);
            lastTime = end;
        }
        return out;
    }

    /**
     * A sentence's timestamp: from its first word to its last, but no further inside the placed audio
     * [{@code offset}, {@code chunkEnd}) than the {@code edge} of silence kept around it.
     */
    static Timestamp sentence(TextSpan sentence, List<Timestamp> words, double offset, double chunkEnd, double edge) {
        double start =
                words.isEmpty() ? offset : Math.min(offset + edge, words.get(0).start());
        double end = words.isEmpty()
                ? chunkEnd
                : Math.max(chunkEnd - edge, words.get(words.size() - 1).end());
        return new Timestamp(sentence.text(), "sentence", round(start), round(end), sentence.start(), sentence.end());
    }

    /** An SSML mark at sample {@code position} of the output. */
    static Timestamp mark(String name, int offset, int position, int rate) {
        double time = Math.floor((double) position / rate * 1e4) / 1e4; // never past the end of the audio
        return new Timestamp(name, Timestamp.MARK, time, time, offset, offset);
    }

    /** A possessive or contraction tail ("'s", "'ll") belongs to its word even when an engine skips it. */
    private static int extendOverContraction(String source, int end) {
        while (end + 1 < source.length()
                && (source.charAt(end) == '\'' || source.charAt(end) == '’')
                && Character.isLetter(source.charAt(end + 1))) {
            end += 2;
            while (end < source.length() && Character.isLetter(source.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    /** "USA's" or "e-mail" read as two words by an engine is still one word on the page. */
    private static boolean joinedWithinWord(String source, int previousEnd, int start) {
        if (start <= previousEnd) {
            return false;
        }
        for (int i = previousEnd; i < start; i++) {
            char c = source.charAt(i);
            if (c != '\'' && c != '’' && c != '-' && c != '‐') {
                return false;
            }
        }
        return true;
    }

    private static boolean isCurrency(char c) {
        return Character.getType(c) == Character.CURRENCY_SYMBOL;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e4) / 1e4;
    }
}
