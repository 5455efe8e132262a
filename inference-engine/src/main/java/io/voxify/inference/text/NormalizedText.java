package io.voxify.inference.text;

import java.util.Arrays;

/**
 * Text prepared for an engine, with each of its characters traced back to the source characters it came
 * from, so that what the engine reports about the spoken text can be shown against what the user wrote.
 */
public final class NormalizedText {

    private final String text;
    private final int[] sourceStart;
    private final int[] sourceEnd;

    NormalizedText(String text, int[] sourceStart, int[] sourceEnd) {
        this.text = text;
        this.sourceStart = sourceStart;
        this.sourceEnd = sourceEnd;
    }

    /** Text spoken as written: every character maps to itself, shifted by {@code offset}. */
    public static NormalizedText identity(String text, int offset) {
        int[] start = new int[text.length()];
        int[] end = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            start[i] = offset + i;
            end[i] = offset + i + 1;
        }
        return new NormalizedText(text, start, end);
    }

    public String text() {
        return text;
    }

    /**
     * The source range behind the normalised range [from, to). Clamped to the text, so engines that report
     * slightly off positions still land on the right word.
     */
    public int[] sourceRange(int from, int to) {
        if (text.isEmpty()) {
            return new int[] {0, 0};
        }
        int a = Math.max(0, Math.min(from, text.length() - 1));
        int b = Math.max(a + 1, Math.min(to, text.length()));
        int start = Integer.MAX_VALUE;
        int end = Integer.MIN_VALUE;
        for (int i = a; i < b; i++) {
            start = Math.min(start, sourceStart[i]);
            end = Math.max(end, sourceEnd[i]);
        }
        return new int[] {start, end};
    }

    /**
     * This text with its source ranges carried one step further: they point into {@code inner}'s text, and
     * become the ranges {@code inner} traces those characters to.
     */
    public NormalizedText through(NormalizedText inner) {
        int n = text.length();
        int[] start = new int[n];
        int[] end = new int[n];
        for (int i = 0; i < n; i++) {
            int[] range = inner.sourceRange(sourceStart[i], sourceEnd[i]);
            start[i] = range[0];
            end[i] = range[1];
        }
        return new NormalizedText(text, start, end);
    }

    /** Builds a text piece by piece, each piece traced to one source range. */
    public static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private int[] start = new int[64];
        private int[] end = new int[64];

        public Builder() {}

        public Builder append(CharSequence s, int srcStart, int srcEnd) {
            for (int i = 0; i < s.length(); i++) {
                if (text.length() == start.length) {
                    start = Arrays.copyOf(start, start.length * 2);
                    end = Arrays.copyOf(end, end.length * 2);
                }
                start[text.length()] = srcStart;
                end[text.length()] = srcEnd;
                text.append(s.charAt(i));
            }
            return this;
        }

        public int length() {
            return text.length();
        }

        char lastChar() {
            return text.length() == 0 ? ' ' : text.charAt(text.length() - 1);
        }

        public NormalizedText build() {
            int n = text.length();
            return new NormalizedText(text.toString(), Arrays.copyOf(start, n), Arrays.copyOf(end, n));
        }
    }
}
