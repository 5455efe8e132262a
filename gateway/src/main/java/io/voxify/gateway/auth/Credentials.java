package io.voxify.gateway.auth;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules for e-mail addresses and passwords. */
public final class Credentials {
    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}$");
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 128;

    private Credentials() {}

    /** Trimmed and lower-cased, or refused with INVALID_EMAIL. */
    public static String normaliseEmail(String raw) {
        String email = raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches() || email.contains("..")) {
            throw new DomainException(
                    ErrorCode.INVALID_EMAIL,
                    "The email address is not valid",
                    Map.of("email", "must be a valid email address"));
        }
        return email;
    }

    public static void checkStrength(String password) {
        List<String> problems = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            problems.add("must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            problems.add("must contain an upper-case letter");
        }
        if (password.chars().noneMatch(Character::isLowerCase)) {
            problems.add("must contain a lower-case letter");
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            problems.add("must contain a digit");
        }
        if (password.chars().allMatch(c -> Character.isLetterOrDigit(c) || Character.isWhitespace(c))) {
            problems.add("must contain a symbol");
        }
        if (!problems.isEmpty()) {
            throw new DomainException(
                    ErrorCode.WEAK_PASSWORD,
                    "The password is too weak: " + String.join(", ", problems),
                    Map.of("password", problems));
        }
    }
}
