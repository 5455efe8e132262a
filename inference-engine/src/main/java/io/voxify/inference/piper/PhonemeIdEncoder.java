package io.voxify.inference.piper;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Phonemes to model ids as piper-phonemize's {@code phonemes_to_ids}: the ids of BOS {@code ^}, the pad
 * {@code _}, then each phoneme code point's ids followed by the pad, then EOS {@code $}. A phoneme is one
 * Unicode code point (so IPA combining marks and stress marks are phonemes of their own); code points the
 * voice does not know are skipped and counted. Thread-safe.
 */
public final class PhonemeIdEncoder {

    public static final String PAD = "_";
    public static final String BOS = "^";
    public static final String EOS = "$";

    private final PiperVoiceConfig config;

    public PhonemeIdEncoder(PiperVoiceConfig config) {
        this.config = config;
    }

    /** Encoded ids plus the phonemes that had no id, with how often each occurred. */
    public record Encoding(long[] ids, Map<String, Integer> missingPhonemes) {

        public Encoding {
            ids = ids.clone();
            missingPhonemes = Collections.unmodifiableMap(new TreeMap<>(missingPhonemes));
        }

        @Override
        public long[] ids() {
            return ids.clone();
        }

        public int missingCount() {
            return missingPhonemes.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Encoding e && Arrays.equals(ids, e.ids) && missingPhonemes.equals(e.missingPhonemes);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(ids) + missingPhonemes.hashCode();
        }

        @Override
        public String toString() {
            return "Encoding" + Arrays.toString(ids) + (missingPhonemes.isEmpty() ? "" : " missing " + missingPhonemes);
        }
    }

    public Encoding encode(String phonemes) {
        long[] pad = config.idsOf(PAD.codePointAt(0));
        long[] out = new long[16];
        int[] size = {0};
        Map<String, Integer> missing = new TreeMap<>();
        out = append(out, size, config.idsOf(BOS.codePointAt(0)));
        out = append(out, size, pad);
        int i = 0;
        while (i < phonemes.length()) {
            int codePoint = phonemes.codePointAt(i);
            i += Character.charCount(codePoint);
            long[] ids = config.idsOf(codePoint);
            if (ids == null) {
                missing.merge(new String(Character.toChars(codePoint)), 1, Integer::sum);
                continue;
            }
            out = append(out, size, ids);
            out = append(out, size, pad);
        }
        out = append(out, size, config.idsOf(EOS.codePointAt(0)));
        return new Encoding(Arrays.copyOf(out, size[0]), missing);
    }

    private static long[] append(long[] buffer, int[] size, long[] ids) {
        if (size[0] + ids.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size[0] + ids.length));
        }
        System.arraycopy(ids, 0, buffer, size[0], ids.length);
        size[0] += ids.length;
        return buffer;
    }
}
