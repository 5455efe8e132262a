package io.voxify.inference.piper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in voice in src/test/resources/piper/ is exactly what tools/generate_piper_standin.py makes. Needs
 * Debian's python3 with python3-onnx and python3-numpy; fails rather than skips without them, so the script
 * and the files cannot drift apart unnoticed.
 */
class PiperStandinGenerationTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void standinIsByteIdenticalToAFreshGeneration(@TempDir Path dir) throws Exception {
        Path script = locateScript();
        assertThat(Files.isExecutable(PYTHON))
                .as("/usr/bin/python3 is required (scripts/ensure-packages.sh)")
                .isTrue();

        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), dir.toString())
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished).as("generator timed out").isTrue();
        assertThat(process.exitValue()).as("generator failed:%n%s", log).isZero();
        for (String name : new String[] {"standin.onnx", "standin.onnx.json"}) {
            assertThat(Files.readAllBytes(dir.resolve(name)))
                    .as("%s differs from what tools/generate_piper_standin.py makes; regenerate it", name)
                    .isEqualTo(PiperTestFiles.resource(name));
        }
    }

    private static Path locateScript() throws IOException {
        // Maven runs tests in the module directory; an IDE may run them from the repository root.
        for (Path candidate : new Path[] {
            Path.of("tools/generate_piper_standin.py"), Path.of("inference-engine/tools/generate_piper_standin.py")
        }) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IOException(
                "tools/generate_piper_standin.py not found from " + Path.of("").toAbsolutePath());
    }
}
