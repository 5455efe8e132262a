package io.voxify.infrastructure.storage;

import java.util.regex.Pattern;

/**
 * The one shape a blob key may have, whatever stores it: relative path segments of letters,
 * digits, `_` and `-`, an extension only after the first segment. No dots of its own, no empty
 * segment and no leading slash, so a key can neither leave a directory nor alias another key.
 */
public final class BlobKeys {
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)?)*");

    private BlobKeys() {}

    /** Whether {@code key} is a plain server-made key. */
    public static boolean valid(String key) {
        return key != null && SAFE_KEY.matcher(key).matches();
    }

    /** Answers the key unchanged, or refuses anything that is not a plain server-made key. */
    public static String checked(String key) {
        if (key == null || !SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a blob key: " + key);
        }
        return key;
    }
}
