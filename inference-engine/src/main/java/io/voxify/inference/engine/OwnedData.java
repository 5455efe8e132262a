package io.voxify.inference.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * An espeak-ng data directory the engine owns: every entry of the system's data linked in, except
 * the variants folder, which is a real folder (its system files linked one by one) so the engine
 * can add variants of its own without touching the system's files.
 */
final class OwnedData {
    private static final List<Path> SYSTEM_CANDIDATES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/espeak-ng-data"), Path.of("/usr/lib/aarch64-linux-gnu/espeak-ng-data"),
            Path.of("/usr/share/espeak-ng-data"), Path.of("/usr/lib/espeak-ng-data"));

    private OwnedData() {}

    /** @return the directory to give espeak_Initialize (the one that contains espeak-ng-data) */
    static String prepare(Path root) {
        Path system = SYSTEM_CANDIDATES.stream()
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("espeak-ng-data not found in the usual places"));
        Path data = root.resolve("espeak-ng-data");
        try {
            Files.createDirectories(data);
            linkChildren(system, data, "voices");
            Path voices = Files.createDirectories(data.resolve("voices"));
            linkChildren(system.resolve("voices"), voices, "!v");
            Path variants = Files.createDirectories(voices.resolve("!v"));
            linkChildren(system.resolve("voices").resolve("!v"), variants, null);
            return root.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare espeak-ng data in " + root, e);
        }
    }

    private static void linkChildren(Path from, Path to, String except) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> children = Files.list(from)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                Path link = to.resolve(name);
                if (name.equals(except) || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Files.createSymbolicLink(link, child);
            }
        }
    }
}
