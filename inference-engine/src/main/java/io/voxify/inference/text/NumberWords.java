package io.voxify.inference.text;

/** English words for numbers. */
public final class NumberWords {

    private static final String[] ONES = {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen"
    };
    private static final String[] TENS = {
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
    };
    private static final String[] SCALES = {"", "thousand", "million", "billion", "trillion", "quadrillion"};

    private NumberWords() {}

    public static String cardinal(long n) {
        if (n < 0) {
            return "minus " + cardinal(-n);
        }
        if (n < 20) {
            return ONES[(int) n];
        }
        if (n < 100) {
            return TENS[(int) (n / 10)] + (n % 10 == 0 ? "" : "-" + ONES[(int) (n % 10)]);
        }
        if (n < 1000) {
            return ONES[(int) (n / 100)] + " hundred" + (n % 100 == 0 ? "" : " " + cardinal(n % 100));
        }
        StringBuilder out = new StringBuilder();
        long rest = n;
        int scale = 0;
        String tail = "";
        while (rest > 0) {
            int chunk = (int) (rest % 1000);
            if (chunk != 0) {
                String words = cardinal(chunk) + (scale == 0 ? "" : " " + SCALES[scale]);
                tail = tail.isEmpty() ? words : words + " " + tail;
            }
            rest /= 1000;
            scale++;
        }
        out.append(tail);
        return out.toString();
    }

    public static String ordinal(long n) {
        String words = cardinal(n);
        int cut = Math.max(words.lastIndexOf(' '), words.lastIndexOf('-')) + 1;
        String head = words.substring(0, cut);
        String last = words.substring(cut);
        return head
                + switch (last) {
                    case "one" -> "first";
                    case "two" -> "second";
                    case "three" -> "third";
                    case "five" -> "fifth";
                    case "eight" -> "eighth";
                    case "nine" -> "ninth";
                    case "twelve" -> "twelfth";
                    default -> last.endsWith("y") ? last.substring(0, last.length() - 1) + "ieth" : last + "th";
                };
    }

    /** A year as people say it: 1999 "nineteen ninety-nine", 2005 "two thousand five", 1805 "eighteen oh five". */
    public static String year(int y) {
        if (y < 1000 || y > 9999) {
            return cardinal(y);
        }
        int high = y / 100;
        int low = y % 100;
        if (y % 1000 < 10 && y / 1000 == 2) {
            return cardinal(y);
        }
        if (low == 0) {
            return cardinal(high) + " hundred";
        }
        return cardinal(high) + (low < 10 ? " oh " : " ") + cardinal(low);
    }

    /** Digits read one by one, as after a decimal point. */
    public static String digits(String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (Character.isDigit(c)) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(ONES[c - '0']);
            }
        }
        return out.toString();
    }
}
