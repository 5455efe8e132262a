package io.voxify.inference.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled default encoder is exactly what the generator script makes, so the model can be rebuilt and
 * reviewed from source. Needs Debian's python3 with python3-onnx and python3-numpy; it fails rather than
 * skips without them, because a skipped check would let the model and the script drift apart unnoticed.
 */
class SpeakerEncoderGenerationTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void bundledModelIsByteIdenticalToAFreshGeneration(@TempDir Path dir) throws Exception {
        Path script = locateScript();
        assertThat(Files.isExecutable(PYTHON))
                .as("/usr/bin/python3 is required (scripts/ensure-packages.sh)")
                .isTrue();
        Path out = dir.resolve("speaker_encoder.onnx");

        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), out.toString())
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished).as("generator timed out").isTrue();
        assertThat(process.exitValue())
                .as("generator failed (python3-onnx and python3-numpy come from scripts/ensure-packages.sh):%n%s", log)
                .isZero();
        assertThat(Files.readAllBytes(out))
                .as(
                        "bundled speaker_encoder.onnx differs from what tools/generate_speaker_encoder.py makes; regenerate it")
                .isEqualTo(SpeakerEncoderTest.bundledModel());
    }

    private static Path locateScript() throws IOException {
        // Maven runs tests in the module directory; an IDE may run them from the repository root.
        for (Path candidate : new Path[] {
            Path.of("tools/generate_speaker_encoder.py"), Path.of("inference-engine/tools/generate_speaker_encoder.py")
        }) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IOException("tools/generate_speaker_encoder.py not found from "
                + Path.of("").toAbsolutePath());
    }
}
