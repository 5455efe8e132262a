package io.voxify.infrastructure;

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

/**
 * Secrets a node makes for itself when configuration gives none (the JWT signing key, the master key of the
 * personal-data keys): random bytes, base64 in a file of the data directory that only its owner can read,
 * made once and read ever after. The repository holds no default secret.
 */
public final class SecretFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {}

    /** The configured base64 value when there is one, otherwise the file's, made with {@code bytes} random bytes. */
    public static byte[] configuredOrKept(String configuredBase64, Path file, int bytes, String what) {
        return configuredBase64 != null && !configuredBase64.isBlank()
                ? decode(configuredBase64.trim(), what)
                : readOrCreate(file, bytes, what);
    }

    public static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " must be base64", e);
        }
    }

    public static byte[] readOrCreate(Path file, int bytes, String what) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[bytes];
                RANDOM.nextBytes(fresh);
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
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), what);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + what + " in " + file.getParent(), e);
        }
    }
}
