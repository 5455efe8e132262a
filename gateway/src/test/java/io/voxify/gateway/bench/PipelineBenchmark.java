package io.voxify.gateway.bench;

import static io.voxify.gateway.bench.BenchReport.fixed;
import static io.voxify.gateway.bench.BenchReport.percentile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.AppProcess;
import io.voxify.gateway.support.RunningApp;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, item 2: jobs through the whole platform (HTTP, command, event store, saga, worker,
 * engine, projection, SSE), the application a JVM of its own on the embedded default (SQLite), so
 * its CPU is read from {@code /proc} apart from the load generator's. Writes section
 * {@code 20-pipeline}; {@code make bench BENCH=PipelineBenchmark}. Development runs:
 * {@code -Dvoxify.bench.pipeline.jobs=60}.
 */
@Tag("bench")
class PipelineBenchmark {
    /** Twenty words, one sentence: the text of every job. */
    static final String TEXT = "The quick brown fox jumps over the lazy dog while seven bright stars shine above "
            + "the quiet northern harbour tonight.";

    private static final String VOICE = "flite:slt"; // the default voice, default_voice_001
    private static final int JOBS = Integer.getInteger("voxify.bench.pipeline.jobs", 500);
    private static final int CLIENTS = 8;
    /** With 5 per client, the JIT compiler's threads took about a third of the measured CPU in trial runs. */
    private static final int WARM_UP_PER_CLIENT = 15;

    private static final int SEQUENTIAL = Integer.getInteger("voxify.bench.pipeline.sequential", 40);
    private static final int PROFILED = Integer.getInteger("voxify.bench.pipeline.profiled", 160);
    private static final int ENGINE_REPS = 40;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);
    private static final Path OUT = Path.of("target", "pipeline-bench").toAbsolutePath();

    @Test
    void jobsPerSecondLatencyAndPlatformOverhead() throws Exception {
        String loadAtStart = BenchReport.machineLoad();
        Path data = RunningApp.tempDir("voxify-pipeline-bench-");
        EngineAlone alone = engineAlone(data.resolve("engine-models"));
        Files.createDirectories(OUT);
        Path recording = OUT.resolve("pipeline.jfr");
        Files.deleteIfExists(recording);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("voxify.limits.requests-per-minute", "1000000");
        properties.put("voxify.limits.syntheses-per-day", "1000000");
        properties.put("voxify.limits.login-attempts-per-address", "1000000");
        properties.put("voxify.security.metrics-token", RunningApp.METRICS_TOKEN);
        // For comparisons: -Dvoxify.bench.app.<property>=<value> passes --<property>=<value> to the server.
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("voxify.bench.app."))
                .forEach(k -> properties.put(k.substring("voxify.bench.app.".length()), System.getProperty(k)));
        try (AppProcess app = AppProcess.launch(
                        "pipeline",
                        data.resolve("node"),
                        OUT,
                        List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"),
                        properties)
                .awaitReady()) {
            ApiClient anonymous = app.client();
            List<ApiClient> users = IntStream.range(0, CLIENTS)
                    .mapToObj(i -> anonymous.newUser())
                    .toList();
            run(app, users, CLIENTS * WARM_UP_PER_CLIENT);

            Snapshot before = Snapshot.of(app);
            Run saturated = run(app, users, JOBS);
            Snapshot after = Snapshot.of(app);
            Map<Long, String> names = threadNames(app.pid());

            Snapshot quietBefore = Snapshot.of(app);
            Run sequential = run(app, users.subList(0, 1), SEQUENTIAL);
            Snapshot quietAfter = Snapshot.of(app);

            jcmd(app.pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + recording);
            Run profiled = run(app, users, PROFILED);
            jcmd(app.pid(), "JFR.stop", "name=bench");
            Profile profile = Profile.read(recording);
            String loadAtEnd = BenchReport.machineLoad();

            assertThat(after.rtfCount() - before.rtfCount())
                    .as("syntheses recorded in the measured run")
                    .isEqualTo(JOBS);
            assertThat(after.engineCpu() - before.engineCpu()).as("engine CPU").isPositive();
            assertThat(profile.samples()).as("JFR execution samples").isPositive();

            String serverProperties = properties.entrySet().stream()
                    .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                    .collect(Collectors.joining(", "));
            BenchReport.section(
                    "20-pipeline",
                    report(
                            alone,
                            saturated,
                            before,
                            after,
                            names,
                            sequential,
                            quietBefore,
                            quietAfter,
                            profiled,
                            profile,
                            loadAtStart,
                            loadAtEnd,
                            recording,
                            serverProperties));
        }
    }

    // ---- the engine alone: the same request the worker makes, in this JVM, before the app starts

    private record EngineAlone(double wallSeconds, double cpuSeconds, double audioSeconds) {}

    private static EngineAlone engineAlone(Path models) {
        try (SpeechSynthesizer synthesizer = new SpeechSynthesizer(RunningApp.installStandInVoice(models))) {
            // The job defaults (JobRequest.DEFAULTS): WAV at 22,050 Hz, no timestamps.
            SynthesisRequest request =
                    new SynthesisRequest(TEXT, VOICE, 1, 1, 1, "neutral", "wav", 22050, false, "word");
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < ENGINE_REPS / 2; i++) {
                synthesizer.synthesize(request, null);
            }
            List<Double> walls = new ArrayList<>();
            List<Double> cpus = new ArrayList<>();
            double audio = 0;
            for (int i = 0; i < ENGINE_REPS; i++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                audio = synthesizer.synthesize(request, null).durationSeconds();
                walls.add((System.nanoTime() - wall) / 1e9);
                cpus.add((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            }
            assertThat(audio).isGreaterThan(1.0);
            return new EngineAlone(percentile(walls, 50), percentile(cpus, 50), audio);
        }
    }

    // ---- the load: closed-loop clients, each creating a job and following it to the end over SSE

    private record Job(ApiClient owner, String id, long sentNanos, long doneNanos, double audioSeconds) {}

    private record Run(
            List<Job> jobs, List<Double> clientSeconds, List<Double> serverSeconds, double wallSeconds, int clients) {
        double jobsPerSecond() {
            return jobs.size() / wallSeconds;
        }
    }

    private static Run run(AppProcess app, List<ApiClient> users, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Job> jobs = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(users.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ApiClient user : users) {
                running.add(clients.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        long sent = System.nanoTime();
                        String id = user.createJob(Map.of("text_content", TEXT))
                                .get("id")
                                .asText();
                        ApiClient.SseCapture stream = user.progress(id, JOB_TIMEOUT);
                        long done = System.nanoTime();
                        assertThat(stream.status()).as("progress of %s", id).isEqualTo(200);
                        // The stream ends with {"event": "complete"} after the view's final state.
                        assertThat(stream.last().path("event").asText())
                                .as(stream.events().toString())
                                .isEqualTo("complete");
                        JsonNode completed = stream.events().stream()
                                .filter(e -> e.path("status").asText().equals("completed"))
                                .reduce((a, b) -> b)
                                .orElseThrow(() -> new AssertionError("no completed state: " + stream.events()));
                        jobs.add(new Job(
                                user, id, sent, done, completed.path("duration").asDouble()));
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            for (Future<?> f : running) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(jobs).hasSize(count);
        assertThat(jobs).allSatisfy(j -> assertThat(j.audioSeconds()).isPositive());
        long first = jobs.stream().mapToLong(Job::sentNanos).min().orElseThrow();
        long last = jobs.stream().mapToLong(Job::doneNanos).max().orElseThrow();
        List<Double> client =
                jobs.stream().map(j -> (j.doneNanos() - j.sentNanos()) / 1e9).toList();
        List<Double> server = new ArrayList<>();
        for (Job job : jobs) {
            // Read after the run, outside its time and CPU window.
            JsonNode view = job.owner().get("/api/v1/job/" + job.id()).data();
            assertThat(view).as("job %s readable", job.id()).isNotNull();
            assertThat(view.get("status").asText()).isEqualTo("completed");
            server.add(Duration.between(
                                    Instant.parse(view.get("created_at").asText()),
                                    Instant.parse(view.get("completed_at").asText()))
                            .toNanos()
                    / 1e9);
        }
        return new Run(List.copyOf(jobs), client, server, (last - first) / 1e9, users.size());
    }

    // ---- what the server process used: /proc for CPU (per thread too), its Prometheus endpoint for the engine

    private record Snapshot(
            long processTicks,
            Map<Long, Long> threadTicks,
            Map<Long, String> threadComm,
            double engineCpu,
            double engineWall,
            double rtfCount,
            long nanos) {
        static Snapshot of(AppProcess app) {
            Map<Long, Long> ticks = new HashMap<>();
            Map<Long, String> comm = new HashMap<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(app.pid()), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String[] f = statFields(Files.readString(task.resolve("stat")));
                        long tid = Long.parseLong(task.getFileName().toString());
                        ticks.put(tid, Long.parseLong(f[13]) + Long.parseLong(f[14]));
                        comm.put(tid, Files.readString(task.resolve("comm")).strip());
                    } catch (IOException threadEnded) {
                        // gone between the listing and the read
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String[] f;
            try {
                f = statFields(Files.readString(Path.of("/proc", String.valueOf(app.pid()), "stat")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String metrics = app.client()
                    .get("/actuator/prometheus", Map.of("Authorization", "Bearer " + RunningApp.METRICS_TOKEN))
                    .text();
            return new Snapshot(
                    Long.parseLong(f[13]) + Long.parseLong(f[14]),
                    ticks,
                    comm,
                    sum(metrics, "voxify_synthesis_engine_cpu_seconds_total"),
                    sum(metrics, "voxify_synthesis_engine_wall_seconds_total"),
                    sum(metrics, "voxify_synthesis_real_time_factor_count"),
                    System.nanoTime());
        }

        double processCpuSeconds(Snapshot later) {
            return (later.processTicks - processTicks) / (double) CLK_TCK;
        }
    }

    private static final long CLK_TCK = clockTicks();

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The fields of a /proc stat line, 0-based as proc(5) numbers them from 1 (utime is [13], stime [14]). */
    static String[] statFields(String stat) {
        String s = stat.strip();
        int open = s.indexOf('(');
        int close = s.lastIndexOf(')');
        List<String> fields = new ArrayList<>();
        fields.add(s.substring(0, open).strip());
        fields.add(s.substring(open + 1, close));
        fields.addAll(List.of(s.substring(close + 2).split(" ")));
        return fields.toArray(String[]::new);
    }

    /** The sum of a Prometheus metric over all its label sets. */
    static double sum(String exposition, String metric) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Linux thread ids to Java thread names (the kernel keeps only 15 characters of them). */
    private static Map<Long, String> threadNames(long pid) {
        Map<Long, String> names = new HashMap<>();
        Matcher m = Pattern.compile("^\"(.*)\" .*nid=0x([0-9a-f]+)", Pattern.MULTILINE)
                .matcher(jcmd(pid, "Thread.print"));
        while (m.find()) {
            names.put(Long.parseLong(m.group(2), 16), m.group(1));
        }
        return names;
    }

    private static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Thread names grouped: numbers and the port dropped, so pools and processors add up. */
    static String group(String name) {
        return name.replaceAll("http-nio-[0-9.]+-\\d+-", "http-nio-").replaceAll("\\d+", "N");
    }

    /** CPU seconds per thread group between two snapshots; threads that ended meanwhile fall in "ended threads". */
    private static Map<String, Double> cpuByGroup(Snapshot before, Snapshot after, Map<Long, String> names) {
        Map<String, Double> groups = new HashMap<>();
        double counted = 0;
        for (Map.Entry<Long, Long> t : after.threadTicks().entrySet()) {
            long ticks = t.getValue() - before.threadTicks().getOrDefault(t.getKey(), 0L);
            if (ticks <= 0) {
                continue;
            }
            String name = names.getOrDefault(t.getKey(), after.threadComm().get(t.getKey()) + " (kernel name)");
            groups.merge(group(name), ticks / (double) CLK_TCK, Double::sum);
            counted += ticks / (double) CLK_TCK;
        }
        double rest = before.processCpuSeconds(after) - counted;
        if (rest > 0) {
            groups.merge("(threads that ended during the run)", rest, Double::sum);
        }
        return groups;
    }

    // ---- the JFR profile

    private record Profile(
            int samples,
            Map<String, Integer> threads,
            Map<String, Integer> selfMethods,
            Map<String, Integer> components) {
        static final Map<String, List<String>> COMPONENTS = componentMarkers();

        static Profile read(Path recording) throws IOException {
            int samples = 0;
            Map<String, Integer> threads = new HashMap<>();
            Map<String, Integer> self = new HashMap<>();
            Map<String, Integer> components = new HashMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                samples++;
                var sampled = e.getThread("sampledThread");
                threads.merge(group(sampled == null ? "?" : String.valueOf(sampled.getJavaName())), 1, Integer::sum);
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    RecordedFrame top = frames.get(0);
                    self.merge(
                            top.getMethod().getType().getName() + "."
                                    + top.getMethod().getName(),
                            1,
                            Integer::sum);
                }
                List<String> types = frames.stream()
                        .map(f -> f.getMethod().getType().getName())
                        .toList();
                COMPONENTS.forEach((component, prefixes) -> {
                    if (types.stream().anyMatch(t -> prefixes.stream().anyMatch(t::startsWith))) {
                        components.merge(component, 1, Integer::sum);
                    }
                });
            }
            return new Profile(samples, threads, self, components);
        }

        private static Map<String, List<String>> componentMarkers() {
            Map<String, List<String>> m = new LinkedHashMap<>();
            m.put("inference engine (`io.voxify.inference`)", List.of("io.voxify.inference."));
            m.put("SQLite JDBC (`org.sqlite`)", List.of("org.sqlite."));
            m.put("Hibernate / JPA", List.of("org.hibernate.", "jakarta.persistence."));
            m.put("Axon Framework", List.of("org.axonframework."));
            m.put("Jackson (JSON, event serialisation)", List.of("com.fasterxml.jackson."));
            m.put("Tomcat (HTTP)", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat."));
            m.put("Spring Security / JWT", List.of("org.springframework.security.", "com.nimbusds."));
            m.put("logging (Logback, SLF4J)", List.of("ch.qos.logback.", "org.slf4j."));
            m.put("Micrometer", List.of("io.micrometer."));
            m.put("db-scheduler (deadlines)", List.of("com.github.kagkarlsson."));
            return m;
        }
    }

    // ---- the section

    private static String report(
            EngineAlone alone,
            Run sat,
            Snapshot before,
            Snapshot after,
            Map<Long, String> names,
            Run seq,
            Snapshot quietBefore,
            Snapshot quietAfter,
            Run profiled,
            Profile profile,
            String loadAtStart,
            String loadAtEnd,
            Path recording,
            String serverProperties) {
        int n = sat.jobs().size();
        double cpuPerJob = before.processCpuSeconds(after) / n;
        double engineCpuPerJob = (after.engineCpu() - before.engineCpu()) / n;
        double engineWallPerJob = (after.engineWall() - before.engineWall()) / n;
        double platformPerJob = cpuPerJob - engineCpuPerJob;
        double overhead = platformPerJob / engineCpuPerJob;
        double windowCpu = before.processCpuSeconds(after) / ((after.nanos() - before.nanos()) / 1e9);

        int m = seq.jobs().size();
        double seqCpuPerJob = quietBefore.processCpuSeconds(quietAfter) / m;
        double seqEngineCpu = (quietAfter.engineCpu() - quietBefore.engineCpu()) / m;
        double seqEngineWall = (quietAfter.engineWall() - quietBefore.engineWall()) / m;
        double seqP50 = percentile(seq.serverSeconds(), 50);
        double satP50 = percentile(sat.serverSeconds(), 50);
        double seqRatio = seqP50 / alone.wallSeconds();
        double satRatio = satP50 / alone.wallSeconds();

        List<List<?>> throughput = List.of(
                List.of(
                        "saturated: " + CLIENTS + " clients, " + n + " jobs",
                        fixed(sat.jobsPerSecond(), 2),
                        ms(percentile(sat.serverSeconds(), 50)),
                        ms(percentile(sat.serverSeconds(), 95)),
                        ms(percentile(sat.serverSeconds(), 99)),
                        ms(percentile(sat.clientSeconds(), 50)),
                        ms(percentile(sat.clientSeconds(), 95)),
                        ms(percentile(sat.clientSeconds(), 99))),
                List.of(
                        "one client, " + m + " jobs in sequence",
                        fixed(seq.jobsPerSecond(), 2),
                        ms(percentile(seq.serverSeconds(), 50)),
                        ms(percentile(seq.serverSeconds(), 95)),
                        ms(percentile(seq.serverSeconds(), 99)),
                        ms(percentile(seq.clientSeconds(), 50)),
                        ms(percentile(seq.clientSeconds(), 95)),
                        ms(percentile(seq.clientSeconds(), 99))));
        Map<String, Double> groups = cpuByGroup(before, after, names);
        double jitPerJob = groups.entrySet().stream()
                        .filter(e -> e.getKey().contains("CompilerThread"))
                        .mapToDouble(Map.Entry::getValue)
                        .sum()
                / n;
        double steadyPlatform = platformPerJob - jitPerJob;
        double steadyOverhead = steadyPlatform / engineCpuPerJob;
        List<List<?>> cpu = List.of(
                List.of(
                        "saturated, JIT compiler threads left out",
                        ms(cpuPerJob - jitPerJob),
                        ms(engineCpuPerJob),
                        ms(steadyPlatform),
                        fixed(100 * steadyOverhead, 0) + " %",
                        ms(engineWallPerJob),
                        ""),
                List.of(
                        "saturated",
                        ms(cpuPerJob),
                        ms(engineCpuPerJob),
                        ms(platformPerJob),
                        fixed(100 * overhead, 0) + " %",
                        ms(engineWallPerJob),
                        fixed(windowCpu, 2)),
                List.of(
                        "one client",
                        ms(seqCpuPerJob),
                        ms(seqEngineCpu),
                        ms(seqCpuPerJob - seqEngineCpu),
                        fixed(100 * (seqCpuPerJob - seqEngineCpu) / seqEngineCpu, 0) + " %",
                        ms(seqEngineWall),
                        fixed(
                                quietBefore.processCpuSeconds(quietAfter)
                                        / ((quietAfter.nanos() - quietBefore.nanos()) / 1e9),
                                2)));

        double total = before.processCpuSeconds(after);
        List<List<?>> groupRows = groups.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(14)
                .map(e -> List.of(
                        "`" + e.getKey() + "`",
                        fixed(e.getValue(), 2),
                        ms(e.getValue() / n),
                        fixed(100 * e.getValue() / total, 1) + " %"))
                .collect(Collectors.toList());

        List<List<?>> profileThreads = top(profile.threads(), 8, profile.samples(), true);
        List<List<?>> profileSelf = top(profile.selfMethods(), 12, profile.samples(), true);
        List<List<?>> profileComponents = profile.components().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> List.of(e.getKey(), e.getValue(), fixed(100.0 * e.getValue() / profile.samples(), 1) + " %"))
                .collect(Collectors.toList());

        double breakEvenEngineCpu = 4 * steadyPlatform;
        double cpuPerAudioSecond = alone.cpuSeconds() / alone.audioSeconds();
        double breakEvenAudio = breakEvenEngineCpu / cpuPerAudioSecond;
        double wordsPerAudioSecond = 20 / alone.audioSeconds();
        boolean overheadMet = overhead <= 0.25;
        boolean latencyMet = seqRatio <= 3;

        return """
                ## Pipeline: jobs per second, latency, and the platform's CPU against the engine's

                **What runs.** `PipelineBenchmark`: the application as a JVM of its own (`AppProcess`, embedded default
                profile: SQLite event store and read models, in-process work queue with the default worker pool of one
                thread per core, local-disk audio, default logging, `-Xss16m -Xmx768m`), on 127.0.0.1; the load
                generator runs in the test JVM. %d users (rate limits and daily quotas raised for the run), one per
                client thread. Every job is the same 20-word sentence (%s s of audio) in the default voice (Flite
                `slt`, WAV 22,050 Hz, no timestamps): "%s". A client creates a job (`POST /api/v1/job`, which
                answers once the job's view exists), follows its `GET /api/v1/job/{id}/progress` event stream to
                the final event, and starts its next job (closed loop). Server properties beyond the defaults:
                %s. Phases: warm-up (%d jobs), **saturated**
                (%d jobs from %d clients), **one client** (%d jobs in sequence, so no job waits for another),
                profiled (%d jobs from %d clients under JFR, figures below the tables only).

                **What is measured.** Jobs/s = jobs / (first request sent → last completion seen). Latency
                "create → completed" = `completed_at − created_at` of the job view (server clock, as the API
                records them); "client" = request sent → final progress event received. Process CPU =
                `utime + stime` of the server JVM from `/proc/<pid>/stat` over the phase (the load generator's CPU
                is not in it), per job. Engine CPU = the increase of the server's
                `voxify_synthesis_engine_cpu_seconds_total` (CPU time of the worker thread across the synthesis,
                its progress commands excluded), per job; engine wall likewise from
                `voxify_synthesis_engine_wall_seconds_total`. Platform overhead = (process CPU − engine CPU) /
                engine CPU. The **engine alone** = the same request through `SpeechSynthesizer` in the benchmark
                JVM before the server starts (%d warm-up calls, median of %d): %s ms wall, %s ms CPU. CPU by
                thread = `/proc/<pid>/task/*/stat` over the saturated phase, threads named by `jcmd Thread.print`.

                **Command:** `make bench BENCH=PipelineBenchmark` (machine: %s at the start, %s at the end).

                %s
                %s
                **Where the server's CPU went** (saturated phase, by thread group; %s s of CPU in all):

                %s
                **Profile** (JFR `settings=profile`, `jdk.ExecutionSample` every 10–20 ms of Java code; %d samples
                over the profiled phase, at %s jobs/s; recording in `%s`). Time in native code (SQLite's C library,
                Flite through JNA) is not in these samples, only in the CPU by thread above.

                By thread:

                %s
                Components on the stack (a sample counts for each component anywhere on its stack):

                %s
                Hottest methods (self time, top frame):

                %s
                **Changed after profiling.** The first profiles showed three things. (1) Inside command handling
                the biggest part was loading the aggregate: Axon's `EventSourcingRepository` reading a job's events
                back from SQLite through Hibernate for each of the job's commands (create, start, six progress
                reports, complete). `SynthesisJob` now stays loaded between its commands in a cache on the embedded
                default (`voxify.commands.aggregate-cache`, off on the infra profile, where the API node and a
                worker node both handle a job's commands and a cached copy could miss the other's events). (2) The
                JIT compiler's threads took a large share of the measured CPU after a short warm-up (a big
                application keeps compiling for a while): the warm-up is now 15 jobs per client, and the
                compiler's remaining share is shown apart. (3) The hottest
                method is `Resampler.process` (Flite's 16 kHz to the default 22,050 Hz): engine-side work, counted
                as engine CPU, so speeding it up would make jobs cheaper but the overhead ratio worse; left as is.
                Not changed: the number of progress events per job (the stream clients see would change), and the
                number of event processors (each projection replays on its own).

                **Reading.** %s

                **Target check.**
                - Platform overhead at most 25 %% of engine CPU at saturation: **%s** (%s %%: %s ms of platform CPU
                  per job against %s ms of engine CPU; %s %% with the JIT compiler's %s ms per job, still warming
                  up, left out). %s
                - p50 job latency for a 20-word text at most 3× the engine alone: **%s** with one client (p50 %s ms
                  = %s× the engine alone's %s ms); at saturation p50 is %s ms = %s×, which is queueing: with %d
                  clients in a closed loop, latency ≈ clients / throughput = %s ms (Little's law), whatever the
                  platform's own cost. %s
                """.formatted(
                CLIENTS,
                fixed(alone.audioSeconds(), 2),
                TEXT,
                serverProperties,
                CLIENTS * WARM_UP_PER_CLIENT,
                n,
                CLIENTS,
                m,
                profiled.jobs().size(),
                CLIENTS,
                ENGINE_REPS / 2,
                ENGINE_REPS,
                ms(alone.wallSeconds()),
                ms(alone.cpuSeconds()),
                loadAtStart,
                loadAtEnd,
                BenchReport.table(
                        List.of(
                                "phase",
                                "jobs/s",
                                "create → completed p50 ms",
                                "p95 ms",
                                "p99 ms",
                                "client p50 ms",
                                "client p95 ms",
                                "client p99 ms"),
                        throughput),
                BenchReport.table(
                        List.of(
                                "phase",
                                "process CPU per job ms",
                                "engine CPU per job ms",
                                "platform CPU per job ms",
                                "overhead",
                                "engine wall per job ms",
                                "cores busy (CPU s / s)"),
                        cpu),
                fixed(total, 1),
                BenchReport.table(List.of("threads", "CPU s", "ms per job", "share"), groupRows),
                profile.samples(),
                fixed(profiled.jobsPerSecond(), 2),
                "gateway/target/pipeline-bench/" + recording.getFileName(),
                BenchReport.table(List.of("threads", "samples", "share"), profileThreads),
                BenchReport.table(List.of("component", "samples", "share"), profileComponents),
                BenchReport.table(List.of("method", "samples", "share"), profileSelf),
                reading(sat, cpuPerJob, engineCpuPerJob, platformPerJob, groups, total, n, alone, engineWallPerJob),
                overheadMet ? "met" : "not met",
                fixed(100 * overhead, 0),
                ms(platformPerJob),
                ms(engineCpuPerJob),
                fixed(100 * steadyOverhead, 0),
                ms(jitPerJob),
                overheadMet
                        ? ""
                        : ("What stops it: the engine's work on a 20-word sentence is tiny (%s ms of CPU for %s s of "
                                        + "audio), while each job costs the platform a roughly fixed %s ms (an HTTP create that waits "
                                        + "for its view, a progress stream, and about a dozen commands and events, each appended to "
                                        + "SQLite and handled by every event processor). With this platform cost (JIT left out) the target "
                                        + "holds for jobs whose engine CPU is at least 4 × %s = %s ms, about %s s of Flite `slt` audio "
                                        + "(some %s words), not for a 20-word sentence.")
                                .formatted(
                                        ms(engineCpuPerJob),
                                        fixed(alone.audioSeconds(), 1),
                                        ms(platformPerJob),
                                        ms(steadyPlatform),
                                        ms(breakEvenEngineCpu),
                                        fixed(breakEvenAudio, 0),
                                        fixed(breakEvenAudio * wordsPerAudioSecond, 0)),
                latencyMet ? "met" : "not met",
                ms(seqP50),
                fixed(seqRatio, 1),
                ms(alone.wallSeconds()),
                ms(satP50),
                fixed(satRatio, 1),
                CLIENTS,
                ms(CLIENTS / sat.jobsPerSecond()),
                latencyMet
                        ? ""
                        : ("What stops it: the engine speaks this sentence in %s ms, and the path around it "
                                        + "(create command and view, saga, hand-off to a worker, start/progress/complete commands, "
                                        + "projection, stream) takes the rest of the %s ms.")
                                .formatted(ms(alone.wallSeconds()), ms(seqP50)));
    }

    private static String reading(
            Run sat,
            double cpuPerJob,
            double engineCpu,
            double platform,
            Map<String, Double> groups,
            double total,
            int n,
            EngineAlone alone,
            double engineWallPerJob) {
        String biggest = groups.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(3)
                .map(e -> "`" + e.getKey() + "` " + fixed(100 * e.getValue() / total, 0) + " %")
                .collect(Collectors.joining(", "));
        double processors = groups.entrySet().stream()
                .filter(e -> e.getKey().startsWith("EventProcessor["))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        long processorCount = groups.keySet().stream()
                .filter(k -> k.startsWith("EventProcessor["))
                .count();
        double worker = groups.getOrDefault("synthesis-worker-N", 0.0);
        double http = groups.getOrDefault("http-nio-exec-N", 0.0);
        return "At saturation the server used %s ms of CPU per job, of which the engine %s ms (%s %%): a 20-word Flite sentence is cheap to speak and the job around it is not. The biggest consumers by thread: %s. "
                        .formatted(ms(cpuPerJob), ms(engineCpu), fixed(100 * engineCpu / cpuPerJob, 0), biggest)
                + ("The worker threads used %s ms per job, %s ms of it beyond the engine (the start, progress and "
                                + "complete commands, the audio written to disk); the HTTP threads %s ms (create, which waits for the "
                                + "view, and the progress stream, each request authenticated and rate-limited); the %d event "
                                + "processors that did any work %s ms together, each reading every event and storing its token in "
                                + "SQLite whether or not it handles the event. ")
                        .formatted(
                                ms(worker / n),
                                ms(worker / n - engineCpu),
                                ms(http / n),
                                processorCount,
                                ms(processors / n))
                + ("Inside the server the engine took %s ms of wall time per job against %s ms alone; the rest of a "
                                + "job's latency is the platform's path and, at saturation, waiting for a core or a worker.")
                        .formatted(ms(engineWallPerJob), ms(alone.wallSeconds()));
    }

    private static List<List<?>> top(Map<String, Integer> counts, int limit, int total, boolean code) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .map(e -> List.<Object>of(
                        code ? "`" + e.getKey() + "`" : e.getKey(),
                        e.getValue(),
                        fixed(100.0 * e.getValue() / total, 1) + " %"))
                .collect(Collectors.toList());
    }

    private static String ms(double seconds) {
        return fixed(seconds * 1000, seconds < 0.1 ? 1 : 0);
    }
}
