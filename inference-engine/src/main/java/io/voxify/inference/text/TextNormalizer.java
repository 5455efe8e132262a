package io.voxify.inference.text;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites English text into words an engine reads reliably: numbers (negative, decimal, grouped), ordinals,
 * currency, percentages, years, ISO dates, clock times and common abbreviations. Every output character keeps
 * the source range it came from; see {@link NormalizedText}.
 *
 * <p>Four-digit numbers from 1100 to 2099 without grouping commas are read as years ("nineteen ninety-nine"),
 * which is also how people say most such counts ("fifteen hundred").
 */
public final class TextNormalizer {

    private static final Pattern TOKENS = Pattern.compile(String.join(
            "|",
            "(?<date>\\b(?<dy>\\d{4})-(?<dm>\\d{2})-(?<dd>\\d{2})\\b)",
            "(?<time>\\b(?<th>\\d{1,2}):(?<tm>\\d{2})(?![\\d:])(?:\\s?(?<tap>[AaPp])\\.?[Mm]\\b\\.?)?)",
            "(?<cur>[$€£])\\s?(?<camt>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
                    + "(?:\\s(?<cscale>thousand|million|billion|trillion)\\b)?",
            "(?<pct>(?<![\\w.])-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)\\s?%",
            "(?<![\\w.])(?<ord>\\d+)(?<ordsfx>st|nd|rd|th)\\b",
            "(?<num>(?<![\\w.])-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)(?![\\d])",
            "(?<abbr>\\b(?:e\\.g\\.|i\\.e\\.|(?:Dr|Mr|Mrs|Ms|St|Prof|Jr|Sr|Mt|Ave|vs|etc|approx|No|Jan|Feb|Mar"
                    + "|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.))",
            "(?<sym>[&@+=’‘“”–—…])"));

    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("mr.", "Mister"),
            Map.entry("mrs.", "Missus"),
            Map.entry("ms.", "Miz"),
            Map.entry("prof.", "Professor"),
            Map.entry("jr.", "Junior"),
            Map.entry("sr.", "Senior"),
            Map.entry("mt.", "Mount"),
            Map.entry("ave.", "Avenue"),
            Map.entry("vs.", "versus"),
            Map.entry("etc.", "et cetera"),
            Map.entry("approx.", "approximately"),
            Map.entry("e.g.", "for example"),
            Map.entry("i.e.", "that is"),
            Map.entry("jan.", "January"),
            Map.entry("feb.", "February"),
            Map.entry("mar.", "March"),
            Map.entry("apr.", "April"),
            Map.entry("jun.", "June"),
            Map.entry("jul.", "July"),
            Map.entry("aug.", "August"),
            Map.entry("sep.", "September"),
            Map.entry("sept.", "September"),
            Map.entry("oct.", "October"),
            Map.entry("nov.", "November"),
            Map.entry("dec.", "December"));

    private TextNormalizer() {}

    /** Normalises a whole text. */
    public static NormalizedText normalize(String text) {
        return normalize(text, 0, text.length());
    }

    /** Normalises text.substring(start, end); source ranges refer to positions in {@code text}. */
    public static NormalizedText normalize(String text, int start, int end) {
        NormalizedText.Builder out = new NormalizedText.Builder();
        Matcher m = TOKENS.matcher(text).region(start, end);
        m.useTransparentBounds(true);
        int copied = start;
        while (m.find()) {
            for (int i = copied; i < m.start(); i++) {
                out.append(String.valueOf(text.charAt(i)), i, i + 1);
            }
            String spoken = expand(m, text, end);
            if (spoken == null) {
                for (int i = m.start(); i < m.end(); i++) {
                    out.append(String.valueOf(text.charAt(i)), i, i + 1);
                }
            } else {
                appendWords(out, spoken, m.start(), m.end(), text, end);
            }
            copied = m.end();
        }
        for (int i = copied; i < end; i++) {
            out.append(String.valueOf(text.charAt(i)), i, i + 1);
        }
        return out.build();
    }

    private static void appendWords(NormalizedText.Builder out, String spoken, int from, int to, String text, int end) {
        if (!spoken.isEmpty()
                && Character.isLetterOrDigit(out.lastChar())
                && Character.isLetterOrDigit(spoken.charAt(0))) {
            out.append(" ", from, to);
        }
        out.append(spoken, from, to);
        if (to < end
                && Character.isLetterOrDigit(text.charAt(to))
                && !spoken.isEmpty()
                && Character.isLetterOrDigit(spoken.charAt(spoken.length() - 1))) {
            out.append(" ", from, to);
        }
    }

    private static String expand(Matcher m, String text, int end) {
        if (m.group("date") != null) {
            return date(m);
        }
        if (m.group("time") != null) {
            return time(m);
        }
        if (m.group("cur") != null) {
            return currency(m.group("cur"), m.group("camt"), m.group("cscale"));
        }
        if (m.group("pct") != null) {
            return number(m.group("pct"), false) + " percent";
        }
        if (m.group("ord") != null) {
            return NumberWords.ordinal(Long.parseLong(trimLong(m.group("ord"))));
        }
        if (m.group("num") != null) {
            return number(m.group("num"), true);
        }
        if (m.group("abbr") != null) {
            return abbreviation(m.group("abbr"), text, m.start(), m.end(), end);
        }
        return symbol(m.group("sym").charAt(0));
    }

    private static String trimLong(String digits) {
        return digits.length() > 15 ? digits.substring(digits.length() - 15) : digits;
    }

    private static String date(Matcher m) {
        try {
            LocalDate d = LocalDate.of(
                    Integer.parseInt(m.group("dy")), Integer.parseInt(m.group("dm")), Integer.parseInt(m.group("dd")));
            return d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                    + NumberWords.ordinal(d.getDayOfMonth()) + ", " + NumberWords.year(d.getYear());
        } catch (DateTimeException notADate) {
            return NumberWords.cardinal(Integer.parseInt(m.group("dy"))) + " "
                    + NumberWords.cardinal(Integer.parseInt(m.group("dm"))) + " "
                    + NumberWords.cardinal(Integer.parseInt(m.group("dd")));
        }
    }

    private static String time(Matcher m) {
        int hour = Integer.parseInt(m.group("th"));
        int minute = Integer.parseInt(m.group("tm"));
        if (hour > 23 || minute > 59) {
            return NumberWords.cardinal(hour) + " " + NumberWords.cardinal(minute);
        }
        String ampm = m.group("tap") == null
                ? ""
                : Character.toLowerCase(m.group("tap").charAt(0)) == 'a' ? " ay em" : " pee em";
        String h = NumberWords.cardinal(hour);
        if (minute == 0) {
            return ampm.isEmpty() ? (hour == 0 ? "midnight" : h + " o'clock") : h + ampm;
        }
        String mm = minute < 10 ? "oh " + NumberWords.cardinal(minute) : NumberWords.cardinal(minute);
        return h + " " + mm + ampm;
    }

    private static String currency(String symbol, String amount, String scale) {
        String[] unit = switch (symbol) {
            case "€" -> new String[] {"euro", "euros", "cent", "cents"};
            case "£" -> new String[] {"pound", "pounds", "penny", "pence"};
            default -> new String[] {"dollar", "dollars", "cent", "cents"};
        };
        String plain = amount.replace(",", "");
        if (scale != null) {
            return number(plain, false) + " " + scale + " " + unit[1];
        }
        BigDecimal value = new BigDecimal(plain);
        int dot = plain.indexOf('.');
        if (dot >= 0 && plain.length() - dot - 1 > 2) {
            return number(plain, false) + " " + unit[1];
        }
        long whole = value.longValue();
        int cents = value.subtract(BigDecimal.valueOf(whole)).movePointRight(2).intValue();
        String wholeWords = NumberWords.cardinal(whole) + " " + (whole == 1 ? unit[0] : unit[1]);
        if (cents == 0) {
            return wholeWords;
        }
        String centWords = NumberWords.cardinal(cents) + " " + (cents == 1 ? unit[2] : unit[3]);
        return whole == 0 ? centWords : wholeWords + " and " + centWords;
    }

    private static String number(String raw, boolean yearsAllowed) {
        boolean negative = raw.startsWith("-");
        String s = negative ? raw.substring(1) : raw;
        String prefix = negative ? "minus " : "";
        int dot = s.indexOf('.');
        String whole = (dot < 0 ? s : s.substring(0, dot)).replace(",", "");
        String fraction = dot < 0 ? "" : s.substring(dot + 1);
        String wholeWords;
        if (whole.length() > 15) {
            wholeWords = NumberWords.digits(whole);
        } else if (whole.length() > 1 && whole.startsWith("0")) {
            wholeWords = NumberWords.digits(whole);
        } else if (yearsAllowed
                && !negative
                && fraction.isEmpty()
                && !s.contains(",")
                && whole.length() == 4
                && Integer.parseInt(whole) >= 1100
                && Integer.parseInt(whole) <= 2099) {
            wholeWords = NumberWords.year(Integer.parseInt(whole));
        } else {
            wholeWords = NumberWords.cardinal(Long.parseLong(whole));
        }
        return prefix + wholeWords + (fraction.isEmpty() ? "" : " point " + NumberWords.digits(fraction));
    }

    private static String abbreviation(String abbr, String text, int start, int end, int limit) {
        String key = abbr.toLowerCase(Locale.ROOT);
        boolean sentenceEnd = end >= limit;
        String words = switch (key) {
            case "dr." -> nextWordCapitalised(text, end, limit) ? "Doctor" : "Drive";
            case "st." -> nextWordCapitalised(text, end, limit) ? "Saint" : "Street";
            case "no." -> nextIsDigit(text, end, limit) ? "number" : null;
            default -> ABBREVIATIONS.get(key);
        };
        if (words == null) {
            return null;
        }
        // An abbreviation that closes the sentence also carries its full stop, which shapes the intonation.
        return sentenceEnd ? words + "." : words;
    }

    private static boolean nextWordCapitalised(String text, int i, int limit) {
        while (i < limit && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < limit && Character.isUpperCase(text.charAt(i));
    }

    private static boolean nextIsDigit(String text, int i, int limit) {
        while (i < limit && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < limit && Character.isDigit(text.charAt(i));
    }

    private static String symbol(char c) {
        return switch (c) {
            case '&' -> " and ";
            case '@' -> " at ";
            case '+' -> " plus ";
            case '=' -> " equals ";
            case '’', '‘' -> "'";
            case '“', '”' -> "\"";
            case '–', '—' -> ", ";
            case '…' -> "...";
            default -> String.valueOf(c);
        };
    }
}
