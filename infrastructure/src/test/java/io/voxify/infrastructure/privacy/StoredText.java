package io.voxify.infrastructure.privacy;

import java.util.regex.Pattern;

/**
 * Stored event text with each ciphertext blanked out, for tests that look for personal values in clear: base64
 * ciphertext is random, and a short value such as "Ada" turns up in it by chance (about once in 200 runs of a
 * store of a dozen events), which would fail a test that reads the raw store.
 */
final class StoredText {
    private static final Pattern CIPHERTEXT = Pattern.compile("\"\\$sealed\":\"[A-Za-z0-9+/=]*\"");

    private StoredText() {}

    static String outsideCiphertexts(String stored) {
        return CIPHERTEXT.matcher(stored).replaceAll("\"\\$sealed\":\"…\"");
    }
}
