package io.voxify.inference.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The longest sample an upload may hold is analysed and embedded in a heap the analyser of before could not
 * fit in. A JVM of its own ({@link AnalysisMemoryProbe}) with {@value #HEAP} holds ten minutes of the reader
 * speaking without pauses at 16 kHz (38.4 MB), analyses it (returning 37 MB of speech) and embeds that speech.
 * This analyser needs {@code -Xmx82m} for it; the one that held every frame's spectrum needed {@code -Xmx236m}
 * and ran out of memory at 230m. Embedding must raise the process's resident memory by less than
 * {@value #EMBED_RSS_LIMIT_MB} MB: one run of the model over all 584 s of the speech raised it by 273 MB
 * (ONNX Runtime keeps it), windows of 30 s raise it by 26 MB. Both limits fail for the code of before, checked
 * by hand with {@code AnalysisMemoryProbe reference+unbroken+embed} (out of memory) and {@code …+onerun}.
 */
class SampleAnalyzerMemoryTest {

    private static final String HEAP = "-Xmx128m";
    private static final double EMBED_RSS_LIMIT_MB = 100;
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    @Test
    void analysesAndEmbedsTenMinutesOfSpeechInABoundedHeap(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("probe.log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                AnalysisMemoryProbe.class.getName(),
                "analyzer+unbroken+embed");
        Process probe = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = probe.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            probe.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = read(log);
        System.out.println(
                output.lines().filter(l -> l.startsWith("result=")).findFirst().orElse(output));

        assertThat(finished).as("the probe finished within 180 s:%n%s", output).isTrue();
        assertThat(probe.exitValue())
                .as("the probe's exit status in %s:%n%s", HEAP, output)
                .isZero();
        assertThat(field(output, "result")).isEqualTo("ok");
        assertThat(Double.parseDouble(field(output, "embed_speech_s")))
                .as("seconds of speech embedded")
                .isGreaterThan(500);
        assertThat(Double.parseDouble(field(output, "embed_rss_rise_mb")))
                .as("resident memory added by embedding")
                .isLessThan(EMBED_RSS_LIMIT_MB);
    }

    private static String field(String output, String name) {
        String line = output.lines()
                .filter(l -> l.startsWith("result="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the probe printed no result:\n" + output));
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no " + name + " in " + line);
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
