package io.voxify.inference.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits text into sentences, keeping their offsets in the source. Ends a sentence at . ! ? … and the
 * CJK full-width marks, but not after known abbreviations, single initials or inside numbers; a blank line
 * always ends one. Overlong sentences are cut at a comma or space so that no engine call grows unbounded.
 */
public final class SentenceSplitter {

    static final int MAX_SENTENCE_CHARS = 600;

    private static final Set<String> ABBREVIATIONS = Set.of(
            "dr", "mr", "mrs", "ms", "st", "prof", "jr", "sr", "mt", "ave", "vs", "e.g", "i.e", "approx", "no", "fig",
            "gen", "gov", "sgt", "capt", "col", "lt", "rev", "hon", "inc", "ltd", "co", "corp", "jan", "feb", "mar",
            "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "dept", "est", "u.s", "u.k", "a.m", "p.m");

    private SentenceSplitter() {}

    public static List<TextSpan> split(String text) {
        List<TextSpan> sentences = new ArrayList<>();
        int n = text.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isCjkTerminator(c)) {
                int end = consumeClosers(text, i + 1);
                add(text, start, end, sentences);
                start = end;
                i = end;
                continue;
            }
            if (c == '\n' && isBlankLineAt(text, i)) {
                add(text, start, i, sentences);
                start = i + 1;
                i++;
                continue;
            }
            if (isTerminator(c)) {
                int runEnd = i;
                while (runEnd < n && isTerminator(text.charAt(runEnd))) {
                    runEnd++;
                }
                int end = consumeClosers(text, runEnd);
                boolean atBoundary = end >= n || Character.isWhitespace(text.charAt(end));
                if (atBoundary && !(c == '.' && runEnd - i == 1 && isNonFinalPeriod(text, i, end))) {
                    add(text, start, end, sentences);
                    start = end;
                }
                i = end;
                continue;
            }
            i++;
        }
        add(text, start, n, sentences);
        return sentences;
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…' || c == '‼' || c == '⁇';
    }

    private static boolean isCjkTerminator(char c) {
        return c == '。' || c == '！' || c == '？' || c == '｡';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '»' || c == '」' || c == '』'
                || c == '）';
    }

    private static int consumeClosers(String text, int i) {
        while (i < text.length() && isCloser(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlankLineAt(String text, int i) {
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != '\n' && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        return j < text.length() && text.charAt(j) == '\n';
    }

    /** A single period that belongs to an abbreviation or an initial rather than ending the sentence. */
    private static boolean isNonFinalPeriod(String text, int dot, int after) {
        int wordStart = dot;
        while (wordStart > 0 && (Character.isLetter(text.charAt(wordStart - 1)) || text.charAt(wordStart - 1) == '.')) {
            wordStart--;
        }
        String word = text.substring(wordStart, dot).toLowerCase(Locale.ROOT);
        if (word.isEmpty()) {
            return false;
        }
        if (word.length() == 1 && Character.isUpperCase(text.charAt(wordStart))) {
            return true;
        }
        if (ABBREVIATIONS.contains(word)) {
            // "No." only abbreviates "number" before a digit; "no." elsewhere is the word that ends a reply.
            return !word.equals("no") || nextNonSpaceIsDigit(text, after);
        }
        return word.matches("([a-z]\\.)+[a-z]") && !nextWordCapitalised(text, after);
    }

    private static boolean nextNonSpaceIsDigit(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && Character.isDigit(text.charAt(i));
    }

    private static boolean nextWordCapitalised(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && Character.isUpperCase(text.charAt(i));
    }

    private static void add(String text, int start, int end, List<TextSpan> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start >= end) {
            return;
        }
        while (end - start > MAX_SENTENCE_CHARS) {
            int cut = findCut(text, start, start + MAX_SENTENCE_CHARS);
            add(text, start, cut, out);
            start = cut;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
        }
        if (start < end && hasSpeakableContent(text, start, end)) {
            out.add(new TextSpan(text.substring(start, end), start, end));
        }
    }

    private static int findCut(String text, int start, int limit) {
        for (int i = limit - 1; i > start + MAX_SENTENCE_CHARS / 2; i--) {
            char c = text.charAt(i);
            if (c == ',' || c == ';' || c == ':') {
                return i + 1;
            }
        }
        for (int i = limit - 1; i > start + MAX_SENTENCE_CHARS / 2; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return limit;
    }

    private static boolean hasSpeakableContent(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
