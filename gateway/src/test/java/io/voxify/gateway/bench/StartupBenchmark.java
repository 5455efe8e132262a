package io.voxify.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import baseline.BareWebApplication;
import io.voxify.gateway.VoxifyApplication;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.AppProcess;
import io.voxify.gateway.support.RunningApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Start-up time to ready and resident memory (BENCHMARKS.md, section 60-startup). Not part of
 * {@code make test}; {@code make bench BENCH=StartupBenchmark} runs it.
 *
 * <p>Each way of starting is timed from launching {@code java} to the first 200 from
 * {@code /actuator/health/readiness}, with the CPU the process had used by then (from
 * {@code /proc/<pid>/stat}, all its threads: JIT compilers and GC included). The baseline, measured
 * in the same run and interleaved with the others, is {@link BareWebApplication}: Spring Boot,
 * Tomcat and Spring MVC with one endpoint, from the same class path and JVM. Then the way
 * {@code make run} starts is left idle and put under load, and its resident set is sampled.
 */
@Tag("bench")
class StartupBenchmark {
    private static final int RUNS = Integer.getInteger("voxify.bench.startup-runs", 3);
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("voxify.bench.load-seconds", 30));
    private static final int LOAD_CLIENTS = 4;
    /** Generous: a start on a machine busy with other work can take minutes; the figure says how long. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private static final String CLASS_PATH = System.getProperty("java.class.path");
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** A way of starting: the command for a port and a data directory. */
    private record Mode(String name, String description, BiFunction<Integer, Path, List<String>> command) {}

    /** One start: wall time to ready, CPU by then, resident set at that moment. */
    private record Start(double seconds, double cpuSeconds, long rssMb) {}

    @Test
    void startUpToReadyAndResidentMemory() throws Exception {
        List<Mode> modes = modes();
        Map<String, List<Start>> fresh = new LinkedHashMap<>();
        Map<String, List<Start>> restart = new LinkedHashMap<>();
        Path work = RunningApp.tempDir("voxify-startup-");
        for (int run = 0; run < RUNS + 1; run++) {
            for (Mode mode : modes) {
                Path data = Files.createDirectories(work.resolve(mode.name() + "-" + run));
                Start first = startAndStop(mode, data);
                Start second = mode.name().equals("bare") ? null : startAndStop(mode, data);
                if (run == 0) {
                    continue; // warm-up: the page cache and the disk, for every mode alike
                }
                fresh.computeIfAbsent(mode.name(), k -> new ArrayList<>()).add(first);
                if (second != null) {
                    restart.computeIfAbsent(mode.name(), k -> new ArrayList<>()).add(second);
                }
            }
        }
        Mode served = modes.get(modes.size() - 1);
        Memory memory = residentMemory(served, work.resolve("memory"));

        double bare = median(fresh.get("bare"), Start::seconds);
        double bareCpu = median(fresh.get("bare"), Start::cpuSeconds);
        List<List<Object>> rows = new ArrayList<>();
        for (Mode mode : modes) {
            rows.add(row(mode, "first start", fresh.get(mode.name()), bare, bareCpu));
            if (restart.containsKey(mode.name())) {
                rows.add(row(mode, "restart", restart.get(mode.name()), bare, bareCpu));
            }
        }
        double ready = median(restart.get(served.name()), Start::seconds);
        StringBuilder md = new StringBuilder();
        md.append("## Start-up to ready; resident memory idle and under load\n\n");
        md.append("**What runs.** Each way of starting below is launched ")
                .append(RUNS)
                .append(" times (after one"
                        + " warm-up round), the ways interleaved so that they share the machine's state alike. A start is"
                        + " timed from launching `java` to the first 200 from `/actuator/health/readiness` (polled every"
                        + " 50 ms); *CPU* is what the process had used by then, all threads (JIT compilers and GC included),"
                        + " from `/proc/<pid>/stat`. *First start* is on an empty data directory (the database schema is"
                        + " created); *restart* is the same directory again, as after `make run` is stopped and started."
                        + " The embedded default profile, no Piper voices installed, logging as shipped.\n\n");
        md.append("**Baseline.** `BareWebApplication`: Spring Boot with Tomcat, Spring MVC and Jackson and one"
                + " endpoint, from the same class path and JVM; every other figure is also given as a multiple of"
                + " it.\n\n");
        for (Mode mode : modes) {
            md.append("- `")
                    .append(mode.name())
                    .append("`: ")
                    .append(mode.description())
                    .append('\n');
        }
        md.append('\n');
        md.append(BenchReport.table(
                List.of(
                        "way of starting",
                        "data",
                        "ready (median s)",
                        "× baseline",
                        "CPU to ready (median s)",
                        "× baseline",
                        "resident set at ready (MB)"),
                rows));
        md.append('\n');
        md.append("Resident memory of `")
                .append(served.name())
                .append("` (the JVM's default heap sizing for this" + " machine, no -Xmx): ")
                .append(memory.idleMb())
                .append(" MB idle (10 s after ready); at most ")
                .append(memory.loadMb())
                .append(" MB while ")
                .append(LOAD_CLIENTS)
                .append(" clients sent jobs and" + " listed them for ")
                .append(LOAD.toSeconds())
                .append(" s (")
                .append(memory.requests())
                .append(" requests, ")
                .append(memory.jobs())
                .append(" jobs created); ")
                .append(memory.afterMb())
                .append(" MB 10 s after the load stopped.\n\n");
        md.append("**Profile** (a development run on 4 December, not repeated by this benchmark: `java "
                + "-Dvoxify.startup-steps=jfr -XX:StartFlightRecording=filename=start.jfr -jar …`, which records "
                + "each Spring start-up step as a JFR event, plus JFR's execution samples). The main thread "
                + "builds the context alone, and the C2 compiler used about as much CPU beside it. Of the "
                + "context's time: Hibernate's EntityManagerFactory 16–22 % (half of it Hibernate scanning the "
                + "class path for entities Spring had already named), parsing 316 configuration classes 12 %, the "
                + "first Spring Data repository (query parsing) 5 %, Axon's handler lookup 4–6 %, the Redis and "
                + "RabbitMQ clients that the embedded default never uses 7 %, and class loading from jars nested "
                + "in the fat jar spread over all of it; a bcrypt hash ran on the main thread. Since then: `make "
                + "run` starts the extracted jar with a class-data-sharing archive (`scripts/prepare-app.sh`), "
                + "Hibernate's scanner is off, the unused clients are left out (`UnusedClients`), and the bcrypt "
                + "hash is made beside start-up. What stops 10 s: the start is bound by the main thread (about 12 "
                + "s of its own CPU here); with the C1 compiler only, CPU to ready halved but ready came only a "
                + "second or two sooner, and `ddl-auto=none` changed nothing. What is left is Spring, Hibernate "
                + "and Axon building some 300 configuration classes, 17 repositories, some 25 entities and 15 event "
                + "processors.\n\n");
        md.append("**Target: ready in under 10 s.** `")
                .append(served.name())
                .append("` restarts to ready in ")
                .append(BenchReport.fixed(ready, 1))
                .append(" s (median) here, ")
                .append(ready < 10 ? "within" : "outside")
                .append(" the target, with ")
                .append(BenchReport.machineLoad())
                .append(" at the end of the run.\n");
        BenchReport.section("60-startup", md.toString());
        assertThat(memory.jobs()).as("the load created jobs").isPositive();
    }

    private static List<Object> row(Mode mode, String data, List<Start> starts, double bare, double bareCpu) {
        double seconds = median(starts, Start::seconds);
        double cpu = median(starts, Start::cpuSeconds);
        return List.of(
                "`" + mode.name() + "`",
                data,
                BenchReport.fixed(seconds, 2),
                BenchReport.fixed(seconds / bare, 1),
                BenchReport.fixed(cpu, 1),
                BenchReport.fixed(cpu / bareCpu, 1),
                Math.round(median(starts, s -> (double) s.rssMb())));
    }

    private static List<Mode> modes() {
        List<Mode> modes = new ArrayList<>();
        modes.add(new Mode(
                "bare",
                "the baseline, `java -cp <class path> BareWebApplication`",
                (port, data) -> List.of(
                        JAVA,
                        "-cp",
                        CLASS_PATH,
                        BareWebApplication.class.getName(),
                        "--server.port=" + port,
                        "--server.address=127.0.0.1")));
        modes.add(new Mode(
                "classpath",
                "the platform from the same class path, `java -cp <class path> "
                        + "VoxifyApplication` (as the tests start nodes)",
                (port, data) -> voxify(List.of("-cp", CLASS_PATH, VoxifyApplication.class.getName()), port, data)));
        String jar = System.getProperty("voxify.bench.jar", "");
        if (!jar.isEmpty() && Files.isRegularFile(Path.of(jar))) {
            modes.add(new Mode(
                    "fat-jar",
                    "`java -jar gateway/target/voxify.jar`, the packaged jar with its" + " libraries nested in it",
                    (port, data) -> voxify(List.of("-jar", jar), port, data)));
        }
        String app = System.getProperty("voxify.bench.app", "");
        if (!app.isEmpty() && Files.isRegularFile(Path.of(app, "voxify.jar"))) {
            modes.add(new Mode(
                    "make-run",
                    "what `make run` starts: the jar extracted by `scripts/prepare-app.sh`"
                            + " with its class-data-sharing archive, `java -XX:SharedArchiveFile=…/voxify.jsa -jar"
                            + " …/voxify.jar`",
                    (port, data) -> voxify(
                            List.of(
                                    "-XX:SharedArchiveFile=" + app + "/voxify.jsa",
                                    "-Xlog:cds=off",
                                    "-Xlog:cds+dynamic=off",
                                    "-jar",
                                    app + "/voxify.jar"),
                            port,
                            data)));
        }
        return modes;
    }

    private static List<String> voxify(List<String> launch, int port, Path data) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(launch);
        command.addAll(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--voxify.data-dir=" + data,
                "--voxify.limits.requests-per-minute=1000000",
                "--voxify.limits.syntheses-per-day=1000000"));
        return command;
    }

    private static Process launch(Mode mode, Path data, int port) {
        ProcessBuilder builder = new ProcessBuilder(mode.command().apply(port, data))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        data.resolve("node.log").toFile()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.environment().keySet().removeIf(key -> key.startsWith("VOXIFY_"));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Start startAndStop(Mode mode, Path data) {
        int port = AppProcess.freeLoopbackPort();
        long launched = System.nanoTime();
        Process process = launch(mode, data, port);
        try {
            awaitReady(process, port, data.resolve("node.log"));
            double seconds = (System.nanoTime() - launched) / 1e9;
            return new Start(seconds, BenchProbe.cpuSeconds(process.pid()), BenchProbe.residentMb(process.pid()));
        } finally {
            stop(process);
        }
    }

    private record Memory(long idleMb, long loadMb, long afterMb, int requests, int jobs) {}

    /** Starts once more, then samples the resident set idle, under a bounded load, and after it. */
    private static Memory residentMemory(Mode mode, Path data) throws IOException {
        Files.createDirectories(data);
        int port = AppProcess.freeLoopbackPort();
        Process process = launch(mode, data, port);
        try {
            awaitReady(process, port, data.resolve("node.log"));
            ApiClient.sleep(10_000);
            long idle = BenchProbe.residentMb(process.pid());
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger requests = new AtomicInteger();
            AtomicInteger jobs = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(LOAD_CLIENTS);
            ApiClient server = new ApiClient("http://127.0.0.1:" + port);
            for (int i = 0; i < LOAD_CLIENTS; i++) {
                clients.submit(() -> {
                    ApiClient user = server.newUser();
                    int n = 0;
                    while (running.get()) {
                        user.createJob(
                                Map.of(
                                        "text_content",
                                        "Memory benchmark job " + (++n)
                                                + ": a sentence or two for the worker to speak while the others list their jobs."));
                        jobs.incrementAndGet();
                        user.get("/api/v1/job?limit=20");
                        requests.addAndGet(2);
                    }
                    return null;
                });
            }
            long peak = 0;
            long end = System.nanoTime() + LOAD.toNanos();
            while (System.nanoTime() < end) {
                peak = Math.max(peak, BenchProbe.residentMb(process.pid()));
                ApiClient.sleep(500);
            }
            running.set(false);
            clients.shutdown();
            if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
            ApiClient.sleep(10_000);
            return new Memory(idle, peak, BenchProbe.residentMb(process.pid()), requests.get(), jobs.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            stop(process);
        }
    }

    private static void awaitReady(Process process, int port, Path log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Exited before it was ready; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ApiClient.sleep(50);
        }
        throw new IllegalStateException("Not ready within " + READY_TIMEOUT + "; see " + log);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> f) {
        return BenchReport.percentile(values.stream().map(f::applyAsDouble).toList(), 50);
    }
}
