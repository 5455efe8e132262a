package io.voxify.gateway.security;

import io.voxify.infrastructure.SecretFiles;
import java.nio.file.Path;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key that signs access tokens: from configuration when given, otherwise generated
 * once per installation and kept (owner-readable only) in the data directory. The repository
 * holds no default secret.
 */
public final class SigningKeyProvider {
    private static final int MIN_KEY_BYTES = 32;

    private SigningKeyProvider() {}

    public static SecretKey load(String configuredBase64, Path dataDir) {
        byte[] key = SecretFiles.configuredOrKept(
                configuredBase64, dataDir.resolve("keys").resolve("jwt-hmac.key"), 64, "VOXIFY_JWT_SECRET");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("The JWT signing key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
