package io.voxify.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
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
        byte[] key = configuredBase64 != null && !configuredBase64.isBlank()
                ? decode(configuredBase64.trim())
                : fromFile(dataDir.resolve("keys").resolve("jwt-hmac.key"));
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("The JWT signing key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("VOXIFY_JWT_SECRET must be base64", e);
        }
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[64];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException racedWithAnotherNode) {
                    // another process sharing the data directory wrote it first: use theirs
                } catch (UnsupportedOperationException noPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the JWT signing key in " + file.getParent(), e);
        }
    }
}
