package io.voxify.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file an export is written to, on the real file system: readable by the application's user alone while it
 * exists, and gone after a sent export, a failed one and one whose client went away while it was sent.
 */
class ExportFilesTest {
    private static final String PERSONAL = "{\"email\":\"ada@example.com\"}";

    @TempDir
    Path dataDir;

    private ExportFiles files() {
        return new ExportFiles(dataDir.resolve(ExportFiles.DIRECTORY));
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.toList();
        }
    }

    @Test
    void theFileIsTheOwnersAloneWhileItExistsAndGoneOnceSent() throws IOException {
        ExportFiles files = files();
        List<String> sent = new ArrayList<>();
        List<Set<PosixFilePermission>> modes = new ArrayList<>();
        files.writeThenSend(out -> out.write(PERSONAL.getBytes(StandardCharsets.UTF_8)), file -> {
            modes.add(Files.getPosixFilePermissions(file));
            sent.add(Files.readString(file));
        });
        assertThat(sent).containsExactly(PERSONAL);
        assertThat(modes).containsExactly(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(files.directory()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(filesIn(files.directory())).isEmpty();
    }

    @Test
    void aFailedExportLeavesNoFile() throws IOException {
        ExportFiles files = files();
        List<Path> sent = new ArrayList<>();
        assertThatThrownBy(() -> files.writeThenSend(
                        out -> {
                            out.write(PERSONAL.getBytes(StandardCharsets.UTF_8));
                            throw new IllegalStateException("the read model did not answer");
                        },
                        sent::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the read model did not answer");
        assertThat(sent).as("a half-written export is never sent").isEmpty();
        assertThat(filesIn(files.directory())).isEmpty();
    }

    @Test
    void aClientGoneWhileTheFileIsSentLeavesNoFile() throws IOException {
        ExportFiles files = files();
        assertThatThrownBy(
                        () -> files.writeThenSend(out -> out.write(PERSONAL.getBytes(StandardCharsets.UTF_8)), file -> {
                            throw new IOException("Broken pipe");
                        }))
                .isInstanceOf(IOException.class)
                .hasMessage("Broken pipe");
        assertThat(filesIn(files.directory())).isEmpty();
    }

    @Test
    void whatAStoppedProcessLeftIsRemovedAtTheNextStartAndTheDirectoryMadeTheOwnersAgain() throws IOException {
        Path directory = dataDir.resolve(ExportFiles.DIRECTORY);
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(directory.resolve("export-123.json"), PERSONAL);

        ExportFiles files = files();

        assertThat(filesIn(files.directory())).isEmpty();
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aDataDirectoryThatCannotHoldExportsStopsStartUp() throws IOException {
        Path blocked = dataDir.resolve("tmp");
        Files.writeString(blocked, "a file where the directory should be");
        assertThatThrownBy(this::files).isInstanceOf(UncheckedIOException.class);
    }
}
