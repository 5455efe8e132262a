package io.voxify.gateway.privacy;

import io.voxify.infrastructure.DataDirectories;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where a data export is written before it is sent: a file of its own in a directory of this node's data directory
 * ({@code tmp/exports}), both readable by the application's user alone (not the shared system temp directory, where
 * the file's name shows and its mode depends on the platform). The file goes once it is sent, once writing or
 * sending it failed, and once the client went away half-way; what a process stopped mid-export leaves behind is
 * removed when the next one starts.
 */
@Component
public class ExportFiles {
    private static final Logger log = LoggerFactory.getLogger(ExportFiles.class);
    static final String DIRECTORY = "tmp/exports";
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;

    @Autowired
    public ExportFiles(DataDirectories directories) {
        this(directories.dataDir().resolve(DIRECTORY));
    }

    ExportFiles(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory, ownerOnly("rwx------"));
            if (POSIX) {
                // An existing directory keeps its mode through createDirectories: set it.
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
            try (Stream<Path> leftovers = Files.list(directory)) {
                leftovers.forEach(ExportFiles::remove);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the export directory " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** The ways of writing an export and of sending the written file. */
    @FunctionalInterface
    public interface Step<T> {
        void accept(T value) throws IOException;
    }

    /**
     * Writes an export into a new file and, once it is whole, sends it; the file is removed whatever happens. A
     * failure of {@code write} or {@code send} is passed on as it came.
     */
    public void writeThenSend(Step<OutputStream> write, Step<Path> send) throws IOException {
        Path file = Files.createTempFile(directory, "export-", ".json", ownerOnly("rw-------"));
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                write.accept(out);
            }
            send.accept(file);
        } finally {
            remove(file);
        }
    }

    private static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Not thrown on: it would hide the export's own failure; the next start removes the file.
            log.warn("Could not remove the export file {}: {}", file.getFileName(), e.toString());
        }
    }

    private static FileAttribute<?>[] ownerOnly(String mode) {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
                : new FileAttribute<?>[0];
    }
}
