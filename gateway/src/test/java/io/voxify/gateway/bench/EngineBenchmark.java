package io.voxify.gateway.bench;

import static io.voxify.gateway.bench.BenchReport.fixed;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.RunningApp;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.SynthesisResult;
import io.voxify.inference.VoiceInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, item 1: the real-time factor of each built-in voice and of the Piper stand-in, in
 * process as the worker calls the engine ({@link SpeechSynthesizer}), and the engine against the
 * {@code flite} and {@code espeak-ng} command lines on the same text. Writes section
 * {@code 10-engine} of BENCHMARKS.md; {@code make bench BENCH=EngineBenchmark}.
 */
@Tag("bench")
class EngineBenchmark {
    /** A short paragraph of ordinary English, four sentences. */
    static final String PARAGRAPH = "The morning train left the station a few minutes after seven, carrying "
            + "commuters, students and a small dog asleep in a basket. Outside the windows, fields of wheat gave "
            + "way to quiet villages and a long grey river. Nobody spoke much; most people read, or watched the "
            + "countryside pass by in the soft early light. By the time the train reached the city, the sun had "
            + "climbed above the rooftops and the day had properly begun.";

    private static final int REPS = Integer.getInteger("voxify.bench.engine.reps", 15);
    private static final int WARM_UP = 5;
    /** Command-line runs are timed in loops of this many, each loop's CPU read from the shell's waited-for children. */
    private static final int CLI_LOOP = 5;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private record Timing(double wallSeconds, double threadCpuSeconds, double processCpuSeconds, double audioSeconds) {}

    private record Medians(
            String voice, int sampleRate, double audioSeconds, double wall, double threadCpu, double processCpu) {
        double rtf(double seconds) {
            return seconds / audioSeconds;
        }
    }

    @Test
    void realTimeFactorOfEachVoiceAndAgainstTheCommandLines() throws Exception {
        String load = BenchReport.machineLoad();
        Path work = RunningApp.tempDir("voxify-engine-bench-");
        Path textFile = Files.writeString(work.resolve("text.txt"), PARAGRAPH + "\n");
        try (SpeechSynthesizer synthesizer =
                new SpeechSynthesizer(RunningApp.installStandInVoice(work.resolve("models")))) {
            List<VoiceInfo> all = synthesizer.voices();
            List<VoiceInfo> voices = new ArrayList<>();
            for (String id : List.of("flite:slt", "flite:rms", "flite:awb", "flite:kal16", "espeak:en-us")) {
                voices.add(all.stream()
                        .filter(v -> v.voiceId().equals(id))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no voice " + id)));
            }
            voices.add(all.stream()
                    .filter(v -> v.engine().equals("piper"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the Piper stand-in did not load")));

            // Interleaved, so load that comes and goes on a shared machine falls on every voice and command
            // line alike: each round times every voice once, and every few rounds a loop of each command line.
            List<SynthesisRequest> requests = voices.stream()
                    .map(v -> new SynthesisRequest(
                            PARAGRAPH, v.voiceId(), 1, 1, 1, "neutral", "wav", v.nativeSampleRate(), false, "word"))
                    .toList();
            for (int i = 0; i < WARM_UP; i++) {
                requests.forEach(r -> synthesizer.synthesize(r, null));
            }
            List<List<Timing>> timings = new ArrayList<>();
            requests.forEach(r -> timings.add(new ArrayList<>()));
            CliRunner flite =
                    new CliRunner(work, List.of("flite", "-voice", "slt", "-f", textFile.toString(), "-o", "OUT"));
            CliRunner espeak =
                    new CliRunner(work, List.of("espeak-ng", "-v", "en-us", "-w", "OUT", "-f", textFile.toString()));
            for (int round = 0; round < REPS; round++) {
                for (int v = 0; v < requests.size(); v++) {
                    timings.get(v).add(time(synthesizer, requests.get(v)));
                }
                if (round % CLI_LOOP == CLI_LOOP - 1) {
                    flite.loop();
                    espeak.loop();
                }
            }
            List<Medians> engine = new ArrayList<>();
            for (int v = 0; v < requests.size(); v++) {
                engine.add(medians(voices.get(v).voiceId(), voices.get(v).nativeSampleRate(), timings.get(v)));
            }
            Cli fliteCli = flite.result();
            Cli espeakCli = espeak.result();
            Medians fliteEngine = engine.get(0);
            Medians espeakEngine = engine.get(4);
            String endLoad = BenchReport.machineLoad();

            List<List<?>> rtfRows = new ArrayList<>();
            for (Medians m : engine) {
                rtfRows.add(List.of(
                        "`" + m.voice() + "`",
                        m.sampleRate(),
                        fixed(m.audioSeconds(), 2),
                        fixed(m.wall() * 1000, 1),
                        fixed(m.rtf(m.wall()), 4),
                        fixed(m.rtf(m.threadCpu()), 4),
                        fixed(m.rtf(m.processCpu()), 4),
                        fixed(m.rtf(m.wall()) / fliteEngine.rtf(fliteEngine.wall()), 2)));
            }
            List<List<?>> cliRows = List.of(
                    cliRow("Flite `slt`", fliteEngine, fliteCli), cliRow("espeak-ng `en-us`", espeakEngine, espeakCli));

            BenchReport.section("10-engine", """
                    ## Engine: real-time factor per voice, and against the command lines

                    **What runs.** `EngineBenchmark`, in the benchmark JVM: the inference engine as the worker calls it
                    (`SpeechSynthesizer.synthesize`: sentence split, text normalisation, the native engine through JNA
                    or ONNX Runtime, edge trimming, sentence pauses, gain, WAV encoding), on one paragraph of %d words
                    (four sentences), at each voice's native sample rate, WAV, no timestamps. Each voice: %d warm-up
                    calls, then %d measured in rounds that time every voice once (interleaved, so passing load falls on
                    all alike); medians. The Piper voice is the project's generated stand-in model
                    (`piper:…` from `inference-engine/src/test/resources/piper`, the one the tests install): its
                    figures measure the Piper path (espeak-ng phonemes, ONNX Runtime, post-processing), not a real
                    neural voice. The command lines run the same text file, `flite -voice slt -f text.txt -o out.wav`
                    and `espeak-ng -v en-us -w out.wav -f text.txt` (`-v en-us` so both sides speak the same voice),
                    %d loops of %d runs each from one shell, one loop of each after every %d rounds; per run = loop / %d,
                    median of the loops.

                    **What is measured.** RTF = time / seconds of audio produced (below 1: faster than real time).
                    Wall: `System.nanoTime`. Thread CPU: the calling thread's CPU time (`ThreadMXBean`); for Piper,
                    ONNX Runtime computes on threads of its own, so only process CPU counts all of it. Process CPU:
                    the whole benchmark JVM (JIT and GC included; nothing else runs in it meanwhile). Command lines:
                    wall time of the process (fork and exec included) and its CPU from the shell's waited-for
                    children (`cutime + cstime` in `/proc/<shell>/stat`, 1/CLK_TCK resolution, averaged over a loop).
                    Baselines measured in the same run: Flite `slt` for the voices, the command line for the engine.

                    **Command:** `make bench BENCH=EngineBenchmark` (machine: %s at the start, %s at the end).

                    %s
                    **Engine against the command line** (same text file; the CLIs keep their edge silence and
                    speak their own pauses, so audio lengths differ a little: compare the RTFs too):

                    %s
                    **Reading.** %s

                    **Target check.** Issue 7 sets no target on the engine itself; these RTFs are the baseline the
                    pipeline's "engine CPU per job" and "engine alone" latencies (section 20) are measured against.
                    """.formatted(
                            words(PARAGRAPH),
                            WARM_UP,
                            REPS,
                            REPS / CLI_LOOP,
                            CLI_LOOP,
                            CLI_LOOP,
                            CLI_LOOP,
                            load,
                            endLoad,
                            BenchReport.table(
                                    List.of(
                                            "voice",
                                            "Hz",
                                            "audio s",
                                            "wall ms",
                                            "RTF wall",
                                            "RTF thread CPU",
                                            "RTF process CPU",
                                            "RTF wall / Flite slt"),
                                    rtfRows),
                            BenchReport.table(
                                    List.of(
                                            "engine",
                                            "in-process wall ms",
                                            "CLI wall ms",
                                            "wall engine / CLI",
                                            "in-process CPU ms",
                                            "CLI CPU ms",
                                            "RTF engine",
                                            "RTF CLI",
                                            "audio s engine / CLI"),
                                    cliRows),
                            reading(engine, fliteEngine, fliteCli, espeakEngine, espeakCli)));

            for (Medians m : engine) {
                assertThat(m.audioSeconds()).as(m.voice()).isGreaterThan(1.0);
            }
            assertThat(fliteCli.audioSeconds()).isGreaterThan(1.0);
            assertThat(espeakCli.audioSeconds()).isGreaterThan(1.0);
        }
    }

    private static Timing time(SpeechSynthesizer synthesizer, SynthesisRequest request) {
        long process = OS.getProcessCpuTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        SynthesisResult result = synthesizer.synthesize(request, null);
        return new Timing(
                (System.nanoTime() - wall) / 1e9,
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9,
                (OS.getProcessCpuTime() - process) / 1e9,
                result.durationSeconds());
    }

    private static Medians medians(String voice, int rate, List<Timing> timings) {
        return new Medians(
                voice,
                rate,
                median(timings.stream().map(Timing::audioSeconds).toList()),
                median(timings.stream().map(Timing::wallSeconds).toList()),
                median(timings.stream().map(Timing::threadCpuSeconds).toList()),
                median(timings.stream().map(Timing::processCpuSeconds).toList()));
    }

    private record Cli(double wallSeconds, double cpuSeconds, double audioSeconds) {}

    /** A command line timed in loops of {@link #CLI_LOOP} runs; OUT in the command is the output file. */
    private static final class CliRunner {
        private final Path work;
        private final Path out;
        private final String script;
        private final long ticks;
        private final List<Double> walls = new ArrayList<>();
        private final List<Double> cpus = new ArrayList<>();

        CliRunner(Path work, List<String> command) throws IOException, InterruptedException {
            this.work = work;
            this.out = work.resolve(command.get(0) + ".wav");
            String line = String.join(
                    " ",
                    command.stream()
                            .map(a -> a.equals("OUT") ? out.toString() : a)
                            .map(a -> "'" + a + "'")
                            .toList());
            runShell(work, "for i in 1 2 3; do " + line + "; done; true"); // the page cache and the binaries warm
            this.script = "i=0; while [ $i -lt " + CLI_LOOP + " ]; do " + line + " || exit 1; i=$((i+1)); done; "
                    + "cat /proc/$$/stat";
            this.ticks = Long.parseLong(runShell(work, "getconf CLK_TCK").strip());
        }

        void loop() throws IOException, InterruptedException {
            long started = System.nanoTime();
            String[] stat = statFields(runShell(work, script));
            walls.add((System.nanoTime() - started) / 1e9 / CLI_LOOP);
            // Fields 16 and 17 (1-based): cutime and cstime, the CPU of the children the shell waited for.
            cpus.add((Long.parseLong(stat[15]) + Long.parseLong(stat[16])) / (double) ticks / CLI_LOOP);
        }

        /** Medians over the loops of per-run wall and CPU time. */
        Cli result() {
            return new Cli(median(walls), median(cpus), wavSeconds(out));
        }
    }

    /** /proc/…/stat fields, the command name (which may hold spaces) collapsed to one. */
    private static String[] statFields(String stat) {
        String s = stat.strip();
        int close = s.lastIndexOf(')');
        String[] rest = s.substring(close + 2).split(" ");
        String[] fields = new String[rest.length + 2];
        fields[0] = s.substring(0, s.indexOf(' '));
        fields[1] = "comm";
        System.arraycopy(rest, 0, fields, 2, rest.length);
        return fields;
    }

    private static String runShell(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + script + "\n" + new String(output));
        }
        return new String(output);
    }

    /** Seconds of audio in a PCM WAV file: the data chunk's size over the byte rate. */
    static double wavSeconds(Path wav) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
            int byteRate = 0;
            int at = 12;
            while (at + 8 <= b.limit()) {
                String id = new String(new byte[] {b.get(at), b.get(at + 1), b.get(at + 2), b.get(at + 3)});
                int size = b.getInt(at + 4);
                if (id.equals("fmt ")) {
                    byteRate = b.getInt(at + 16);
                } else if (id.equals("data")) {
                    // espeak-ng writes its header before it knows the length; what follows is the data.
                    long bytes = size <= 0 || at + 8L + size > b.limit() ? b.limit() - at - 8L : size;
                    return (double) bytes / byteRate;
                }
                at += 8 + size + (size & 1);
            }
            throw new IllegalStateException("no data chunk in " + wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<?> cliRow(String name, Medians engine, Cli cli) {
        return List.of(
                name,
                fixed(engine.wall() * 1000, 1),
                fixed(cli.wallSeconds() * 1000, 1),
                fixed(engine.wall() / cli.wallSeconds(), 2),
                fixed(engine.threadCpu() * 1000, 1),
                fixed(cli.cpuSeconds() * 1000, 1),
                fixed(engine.rtf(engine.wall()), 4),
                fixed(cli.wallSeconds() / cli.audioSeconds(), 4),
                fixed(engine.audioSeconds() / cli.audioSeconds(), 2));
    }

    private static String reading(List<Medians> engine, Medians flite, Cli fliteCli, Medians espeak, Cli espeakCli) {
        Medians fastest = engine.stream()
                .min((a, b) -> Double.compare(a.rtf(a.wall()), b.rtf(b.wall())))
                .orElseThrow();
        Medians slowest = engine.stream()
                .max((a, b) -> Double.compare(a.rtf(a.wall()), b.rtf(b.wall())))
                .orElseThrow();
        return "Every voice speaks far faster than real time: from `%s` at RTF %s (%s× faster than real time) to `%s` at %s (%s×). "
                        .formatted(
                                fastest.voice(),
                                fixed(fastest.rtf(fastest.wall()), 4),
                                fixed(1 / fastest.rtf(fastest.wall()), 0),
                                slowest.voice(),
                                fixed(slowest.rtf(slowest.wall()), 4),
                                fixed(1 / slowest.rtf(slowest.wall()), 0))
                + "In process, Flite `slt` took %s× the wall time and %s× the CPU time of the `flite` command line on the same text; espeak-ng %s× the wall and %s× the CPU of `espeak-ng`. "
                        .formatted(
                                fixed(flite.wall() / fliteCli.wallSeconds(), 2),
                                fixed(flite.threadCpu() / fliteCli.cpuSeconds(), 2),
                                fixed(espeak.wall() / espeakCli.wallSeconds(), 2),
                                fixed(espeak.threadCpu() / espeakCli.cpuSeconds(), 2))
                + "The command line pays a process start, library and voice loading on every run, which the in-process "
                + "engine pays once; the in-process engine does a little more per call (normalisation, trimming, pauses, "
                + "gain, WAV encoding in Java). Wall time over thread CPU for the native engines was %s (Flite `slt`): "
                        .formatted(fixed(flite.wall() / flite.threadCpu(), 2))
                + "well above 1 means the thread waited for a core that other work on the machine held, so on a busy "
                + "machine the CPU columns are the steadier figures. Process CPU above thread CPU means other "
                + "threads worked too (for Piper, ONNX Runtime's pool; elsewhere JIT and GC).";
    }

    private static double median(List<Double> values) {
        return BenchReport.percentile(values, 50);
    }

    private static int words(String text) {
        return text.trim().split("\\s+").length;
    }
}
