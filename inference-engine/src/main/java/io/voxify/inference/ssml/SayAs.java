package io.voxify.inference.ssml;

import io.voxify.inference.text.NormalizedText;
import io.voxify.inference.text.NumberWords;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code <say-as>} checked when the document is parsed and read when the voice is known: English voices get
 * words ("1,234" as "one thousand two hundred thirty-four", a date as "March fifteenth, twenty twenty-four",
 * letters by name); other languages get the number or date's figures and the letters apart, which espeak-ng
 * reads in its own language.
 */
public final class SayAs {

    public static final List<String> INTERPRETATIONS = List.of("cardinal", "date", "characters");
    public static final List<String> DATE_FORMATS = List.of("mdy", "dmy", "ymd", "md", "dm", "ym", "my", "d", "m", "y");

    private static final Pattern CARDINAL = Pattern.compile("[-+−]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?");
    private static final Pattern DATE_FIELD = Pattern.compile("\\d+");
    private static final String[] LETTERS = {
        "ay",
        "bee",
        "see",
        "dee",
        "ee",
        "eff",
        "gee",
        "aitch",
        "eye",
        "jay",
        "kay",
        "el",
        "em",
        "en",
        "oh",
        "pee",
        "cue",
        "ar",
        "ess",
        "tee",
        "you",
        "vee",
        "double-you",
        "ex",
        "why",
        "zee"
    };
    private static final String[] DIGITS = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
    };

    private final String kind;
    private final NormalizedText content;
    private final BigDecimal number;
    private final String format;
    private final int[] date;

    private SayAs(String kind, NormalizedText content, BigDecimal number, String format, int[] date) {
        this.kind = kind;
        this.content = content;
        this.number = number;
        this.format = format;
        this.date = date;
    }

    public String kind() {
        return kind;
    }

    /** Validates the content for {@code kind}; the message says what is wrong, for the parser to locate. */
    static SayAs of(String kind, NormalizedText content, String format) throws Invalid {
        String text = content.text().strip();
        switch (kind) {
            case "cardinal" -> {
                if (format != null) {
                    throw new Invalid("say-as cardinal takes no format");
                }
                if (!CARDINAL.matcher(text).matches()) {
                    throw new Invalid(
                            "say-as cardinal needs a number such as 1234, 1,234 or -12.5, not \"" + text + "\"");
                }
                BigDecimal n = new BigDecimal(text.replace(",", "").replace('−', '-'));
                if (n.abs().compareTo(BigDecimal.valueOf(999_999_999_999_999L)) > 0) {
                    throw new Invalid("say-as cardinal is limited to 15 digits");
                }
                return new SayAs(kind, content, n, null, null);
            }
            case "date" -> {
                String f = format == null ? (text.matches("\\d{4}-\\d{1,2}-\\d{1,2}") ? "ymd" : null) : format;
                if (f == null) {
                    throw new Invalid("say-as date needs format (one of " + DATE_FORMATS
                            + ") unless the date is written as YYYY-MM-DD");
                }
                if (!DATE_FORMATS.contains(f)) {
                    throw new Invalid("say-as date format must be one of " + DATE_FORMATS + ", not \"" + f + "\"");
                }
                return new SayAs(kind, content, null, f, parseDate(text, f));
            }
            case "characters" -> {
                if (format != null) {
                    throw new Invalid("say-as characters takes no format");
                }
                if (text.isEmpty()) {
                    throw new Invalid("say-as characters needs something to spell");
                }
                return new SayAs(kind, content, null, null, null);
            }
            default -> throw new Invalid("interpret-as must be one of " + INTERPRETATIONS + ", not \"" + kind + "\"");
        }
    }

    /** Year, month, day (0 where the format leaves one out). */
    private static int[] parseDate(String text, String format) throws Invalid {
        String[] fields = text.split("[-/.]", -1);
        if (fields.length != format.length()) {
            throw new Invalid("say-as date \"" + text + "\" does not have the " + format.length()
                    + " field(s) of format " + format + " (separate them with -, / or .)");
        }
        int[] ymd = new int[3];
        for (int i = 0; i < fields.length; i++) {
            Matcher m = DATE_FIELD.matcher(fields[i]);
            if (!m.matches() || fields[i].length() > 4) {
                throw new Invalid("say-as date \"" + text + "\" must be numbers in the order " + format);
            }
            int v = Integer.parseInt(fields[i]);
            switch (format.charAt(i)) {
                case 'y' -> ymd[0] = v;
                case 'm' -> ymd[1] = v;
                default -> ymd[2] = v;
            }
        }
        boolean hasYear = format.indexOf('y') >= 0;
        if (hasYear && (ymd[0] < 1 || ymd[0] > 9999)) {
            throw new Invalid("say-as date year must be 1 to 9999: " + ymd[0]);
        }
        if (format.indexOf('m') >= 0 && (ymd[1] < 1 || ymd[1] > 12)) {
            throw new Invalid("say-as date month must be 1 to 12: " + ymd[1]);
        }
        if (format.indexOf('d') >= 0) {
            int maxDay = ymd[1] == 0 ? 31 : Month.of(ymd[1]).length(!hasYear || java.time.Year.isLeap(ymd[0]));
            if (ymd[2] < 1 || ymd[2] > maxDay) {
                throw new Invalid("say-as date day must be 1 to " + maxDay + ": " + ymd[2]);
            }
            if (hasYear && ymd[1] != 0) {
                try {
                    LocalDate.of(ymd[0], ymd[1], ymd[2]);
                } catch (DateTimeException e) {
                    throw new Invalid("say-as date is not a date: " + text);
                }
            }
        }
        return ymd;
    }

    /** The reading for a voice of {@code language}, traced to the document like the content. */
    NormalizedText read(String language) {
        boolean english = language == null || language.toLowerCase(Locale.ROOT).startsWith("en");
        return switch (kind) {
            case "characters" -> spell(english);
            case "cardinal" -> whole(english ? cardinalWords(number) : number.toPlainString());
            default -> whole(english ? dateWords() : dateFigures());
        };
    }

    private NormalizedText whole(String spoken) {
        int[] range = content.sourceRange(0, content.text().length());
        return new NormalizedText.Builder().append(spoken, range[0], range[1]).build();
    }

    private NormalizedText spell(boolean english) {
        NormalizedText.Builder out = new NormalizedText.Builder();
        String text = content.text();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!Character.isWhitespace(cp)) {
                String spoken = new String(Character.toChars(cp));
                char ascii = Character.toLowerCase((char) cp);
                if (english && ascii >= 'a' && ascii <= 'z' && cp < 128) {
                    spoken = LETTERS[ascii - 'a'];
                } else if (english && cp >= '0' && cp <= '9') {
                    spoken = DIGITS[cp - '0'];
                } else if (Character.isLetter(cp)) {
                    spoken = spoken.toUpperCase(Locale.ROOT);
                }
                int[] range = content.sourceRange(i, next);
                if (out.length() > 0) {
                    out.append(", ", range[0], range[1]);
                }
                out.append(spoken, range[0], range[1]);
            }
            i = next;
        }
        return out.build();
    }

    private static String cardinalWords(BigDecimal n) {
        String plain = n.toPlainString();
        boolean negative = plain.startsWith("-");
        if (negative || plain.startsWith("+")) {
            plain = plain.substring(1);
        }
        int dot = plain.indexOf('.');
        String whole = NumberWords.cardinal(Long.parseLong(dot < 0 ? plain : plain.substring(0, dot)));
        String fraction = dot < 0 ? "" : " point " + NumberWords.digits(plain.substring(dot + 1));
        return (negative ? "minus " : "") + whole + fraction;
    }

    private String dateWords() {
        String month = date[1] == 0 ? null : Month.of(date[1]).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String day = date[2] == 0 ? null : NumberWords.ordinal(date[2]);
        String year = date[0] == 0 ? null : NumberWords.year(date[0]);
        StringBuilder out = new StringBuilder();
        if (month != null && day != null) {
            out.append(format.indexOf('d') < format.indexOf('m') ? "the " + day + " of " + month : month + " " + day);
        } else if (month != null) {
            out.append(month);
        } else if (day != null) {
            out.append("the ").append(day);
        }
        if (year != null) {
            out.append(out.isEmpty() ? "" : ", ").append(year);
        }
        return out.toString();
    }

    private String dateFigures() {
        StringBuilder out = new StringBuilder();
        for (char c : format.toCharArray()) {
            int v = c == 'y' ? date[0] : c == 'm' ? date[1] : date[2];
            out.append(out.isEmpty() ? "" : " ").append(v);
        }
        return out.toString();
    }

    /** A say-as the parser refuses, located by the parser. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
