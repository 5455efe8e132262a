package io.voxify.infrastructure.privacy;

import io.voxify.infrastructure.SecretFiles;
import io.voxify.infrastructure.privacy.jdbc.JdbcPersonalKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotating the master key that wraps the personal-data keys ({@code make rotate-master-key}, README, Privacy).
 * The data keys stay as they are (nothing in the event store changes); only their wrapping does.
 *
 * <p>A master key given by configuration ({@code VOXIFY_PRIVACY_MASTER_KEY}) is rotated by the operator: the new
 * one becomes {@code master-key} and the old one goes to {@code previous-master-keys} on every node, then this
 * step wraps every live key with the new one, then the old one is dropped everywhere. A master key kept in the
 * data directory (the embedded profile's one node) is rotated by the step itself: it writes the new key beside
 * the old one ({@code personal-data-master.key.next}), wraps every live key with it, and only then moves it
 * over the old one. A rotation cut short leaves the {@code .next} file behind; the node then opens with both
 * keys and the step, run again, finishes the job, so no key is ever left wrapped by a key that is gone.
 */
public final class MasterKeyRotation {
    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);
    private static final String WHAT = "The personal-data master key";

    /** The key table under the node's master keys, made when the step runs (a serving node never needs it). */
    private final Supplier<JdbcPersonalKeys> store;
    /** The data directory's key file when the master key is kept there; null when configuration gives it. */
    private final Path keptFile;

    MasterKeyRotation(Supplier<JdbcPersonalKeys> store, Path keptFile) {
        this.store = store;
        this.keptFile = keptFile;
    }

    /** What a rotation did: the live keys read, those wrapped anew, and whether the kept key file was replaced. */
    public record Report(long liveKeys, long rewrapped, boolean keptFileReplaced) {}

    /**
     * The node's master keys: the configured one or the data directory's, and the previous ones configured. With
     * a kept key, a {@code .next} file (made here when {@code rotating}) is the current key and the kept one only
     * opens, until {@link #rotate} has moved it into place.
     */
    static MasterKeys masterKeys(PrivacyProperties properties, Path keptFile, boolean rotating) {
        List<javax.crypto.SecretKey> previous = new ArrayList<>();
        for (String key : properties.previousMasterKeys()) {
            if (!key.isBlank()) {
                previous.add(KeyWrapping.key(SecretFiles.decode(key.trim(), "VOXIFY_PRIVACY_PREVIOUS_MASTER_KEYS")));
            }
        }
        if (configured(properties)) {
            return new MasterKeys(
                    KeyWrapping.key(SecretFiles.decode(properties.masterKey().trim(), "VOXIFY_PRIVACY_MASTER_KEY")),
                    previous);
        }
        MasterKeys kept = new MasterKeys(
                KeyWrapping.key(SecretFiles.readOrCreate(keptFile, KeyWrapping.KEY_BYTES, WHAT)), previous);
        Path next = nextOf(keptFile);
        if (!rotating && !Files.exists(next)) {
            return kept;
        }
        if (!rotating) {
            log.warn(
                    "A master-key rotation did not finish ({} is still there): both keys open personal-data keys;"
                            + " run make rotate-master-key to finish it",
                    next);
        }
        return kept.rotatedTo(KeyWrapping.key(SecretFiles.readOrCreate(next, KeyWrapping.KEY_BYTES, WHAT)));
    }

    static boolean configured(PrivacyProperties properties) {
        return properties.masterKey() != null && !properties.masterKey().isBlank();
    }

    /** Wraps every live key with the current master key; with a kept key, then moves the new key into place. */
    public Report rotate() {
        JdbcPersonalKeys.Rewrap rewrap = store.get().rewrapAll();
        boolean replaced = false;
        if (keptFile != null && Files.exists(nextOf(keptFile))) {
            try {
                Files.move(
                        nextOf(keptFile),
                        keptFile,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                replaced = true;
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Every key is wrapped by " + nextOf(keptFile) + " but it could not replace " + keptFile
                                + ": move it there by hand",
                        e);
            }
        }
        log.info(
                "Master-key rotation: {} live keys, {} wrapped anew{}",
                rewrap.liveKeys(),
                rewrap.rewrapped(),
                replaced ? ", the new key now in " + keptFile : "");
        return new Report(rewrap.liveKeys(), rewrap.rewrapped(), replaced);
    }

    static Path nextOf(Path keptFile) {
        return keptFile.resolveSibling(keptFile.getFileName() + ".next");
    }
}
