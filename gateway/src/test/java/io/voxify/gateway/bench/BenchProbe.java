package io.voxify.gateway.bench;

import io.voxify.gateway.support.AppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What benchmarks read from outside a server JVM ({@link AppProcess}): its CPU time from
 * {@code /proc/<pid>/stat}, its live heap after a full collection ({@code jcmd}), a flight
 * recording's hottest frames ({@code jfr}), and wrk runs against it. Everything runs with a
 * bounded wait, so a benchmark never hangs on a tool.
 */
final class BenchProbe {
    private static final Path JDK_BIN = Path.of(System.getProperty("java.home"), "bin");
    private static final long CLOCK_TICKS = clockTicks();

    private BenchProbe() {}

    /** User plus system CPU seconds the process has used so far. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; the fields after it start past its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** VmRSS from /proc/<pid>/status, in MB. */
    static long residentMb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Busy and total jiffies of the whole machine (all cores), from {@code /proc/stat}. */
    static long[] machineJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The live heap: {@code GC.class_histogram} collects fully first, so its total is what is
     * still reachable. Returns bytes per class and the total under {@code "*total*"}.
     */
    static Map<String, Long> liveHeap(long pid) {
        String out = run(List.of(JDK_BIN.resolve("jcmd").toString(), Long.toString(pid), "GC.class_histogram"), 120);
        Map<String, Long> bytes = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
        Pattern total = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
        for (String line : out.split("\n")) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                bytes.merge(m.group(3), Long.parseLong(m.group(2)), Long::sum);
            }
            Matcher t = total.matcher(line.trim());
            if (t.matches()) {
                bytes.put("*total*", Long.parseLong(t.group(2)));
            }
        }
        if (!bytes.containsKey("*total*")) {
            throw new IllegalStateException("No histogram total from jcmd:\n" + out);
        }
        return bytes;
    }

    /** The classes whose live bytes grew most from {@code before} to {@code after}. */
    static List<Map.Entry<String, Long>> grownClasses(Map<String, Long> before, Map<String, Long> after, int top) {
        Map<String, Long> growth = new TreeMap<>();
        after.forEach((type, bytes) -> {
            if (!type.equals("*total*")) {
                growth.put(type, bytes - before.getOrDefault(type, 0L));
            }
        });
        return growth.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .toList();
    }

    static void jfrStart(long pid, Path file) {
        run(
                List.of(
                        JDK_BIN.resolve("jcmd").toString(),
                        Long.toString(pid),
                        "JFR.start",
                        "name=bench",
                        "settings=profile",
                        "filename=" + file),
                60);
    }

    static void jfrStop(long pid) {
        run(List.of(JDK_BIN.resolve("jcmd").toString(), Long.toString(pid), "JFR.stop", "name=bench"), 120);
    }

    /** A recording's execution samples, as their stacks (top frame first, method names only). */
    static List<List<String>> executionSamples(Path recording) {
        String out = run(
                List.of(
                        JDK_BIN.resolve("jfr").toString(),
                        "print",
                        "--events",
                        "jdk.ExecutionSample",
                        "--stack-depth",
                        "96",
                        recording.toString()),
                300);
        List<List<String>> stacks = new ArrayList<>();
        List<String> current = null;
        for (String line : out.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("stackTrace = [")) {
                current = new ArrayList<>();
                stacks.add(current);
            } else if (current != null && trimmed.equals("]")) {
                current = null;
            } else if (current != null && !trimmed.equals("...")) {
                int paren = trimmed.indexOf('(');
                current.add(paren > 0 ? trimmed.substring(0, paren) : trimmed);
            }
        }
        return stacks;
    }

    /**
     * Each sample goes to the part of its innermost frame that matches one of the parts' patterns
     * (parts are tried in order for each frame, from the top of the stack down), so the shares add
     * up to at most 100 % and a filter that wraps the rest of the chain is not charged for it.
     */
    static Map<String, Double> selfShares(List<List<String>> stacks, Map<String, Pattern> parts) {
        Map<String, Long> counts = new LinkedHashMap<>();
        parts.keySet().forEach(name -> counts.put(name, 0L));
        counts.put("other", 0L);
        for (List<String> stack : stacks) {
            String owner = "other";
            search:
            for (String frame : stack) {
                for (Map.Entry<String, Pattern> part : parts.entrySet()) {
                    if (part.getValue().matcher(frame).find()) {
                        owner = part.getKey();
                        break search;
                    }
                }
            }
            counts.merge(owner, 1L, Long::sum);
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((name, n) -> shares.put(name, stacks.isEmpty() ? 0 : n / (double) stacks.size()));
        return shares;
    }

    /**
     * Seconds request threads ({@code http-nio-*}) spent parked (JFR records parks of 10 ms and
     * more under {@code settings=profile}) with a frame matching {@code frame} on their stack,
     * and in all.
     */
    static double[] requestThreadParkSeconds(Path recording, Pattern frame) {
        String out = run(
                List.of(
                        JDK_BIN.resolve("jfr").toString(),
                        "print",
                        "--events",
                        "jdk.ThreadPark",
                        "--stack-depth",
                        "32",
                        recording.toString()),
                300);
        double matching = 0;
        double all = 0;
        Pattern duration = Pattern.compile("duration = ([0-9.]+) (s|ms|us|ns)");
        for (String event : out.split("jdk\\.ThreadPark \\{")) {
            Matcher d = duration.matcher(event);
            if (!event.contains("eventThread = \"http-nio") || !d.find()) {
                continue;
            }
            double seconds = Double.parseDouble(d.group(1))
                    * switch (d.group(2)) {
                        case "s" -> 1.0;
                        case "ms" -> 1e-3;
                        case "us" -> 1e-6;
                        default -> 1e-9;
                    };
            all += seconds;
            if (frame.matcher(event).find()) {
                matching += seconds;
            }
        }
        return new double[] {matching, all};
    }

    /** The hottest top frames (self time), as "share frame" lines. */
    static List<String> topSelfFrames(List<List<String>> stacks, int top) {
        Map<String, Long> counts = stacks.stream()
                .filter(s -> !s.isEmpty())
                .collect(Collectors.groupingBy(s -> s.get(0), Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> BenchReport.fixed(100.0 * e.getValue() / stacks.size(), 1) + " % `" + e.getKey() + "`")
                .toList();
    }

    /** What one wrk run reported. Latencies in milliseconds. */
    record WrkResult(
            double requestsPerSecond,
            long requests,
            double p50,
            double p99,
            long non2xx,
            long socketErrors,
            String output) {}

    /** wrk with {@code --latency}, sending the bearer token on every request. */
    static WrkResult wrk(String url, String token, int connections, int threads, int seconds, Path workDir) {
        try {
            Path script = workDir.resolve("auth.lua");
            Files.writeString(
                    script, token == null ? "" : "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n");
            String out = run(
                    List.of(
                            "wrk",
                            "-t" + threads,
                            "-c" + connections,
                            "-d" + seconds + "s",
                            "--timeout",
                            "10s",
                            "--latency",
                            "-s",
                            script.toString(),
                            url),
                    seconds + 60);
            return new WrkResult(
                    number(out, "Requests/sec:\\s+([0-9.]+)"),
                    (long) number(out, "(\\d+) requests in"),
                    latency(out, "50%"),
                    latency(out, "99%"),
                    (long) optional(out, "Non-2xx or 3xx responses:\\s+(\\d+)"),
                    socketErrors(out),
                    out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double latency(String out, String percentile) {
        Matcher m =
                Pattern.compile("\\s" + percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("No " + percentile + " latency in wrk's output:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static long socketErrors(String out) {
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(out);
        return m.find()
                ? Long.parseLong(m.group(1))
                        + Long.parseLong(m.group(2))
                        + Long.parseLong(m.group(3))
                        + Long.parseLong(m.group(4))
                : 0;
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("Unexpected wrk output (" + regex + "):\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double optional(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Runs a tool, returning its output; fails if it does not end in time or ends badly. */
    static String run(List<String> command, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("voxify-bench-", ".out");
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not end within " + timeoutSeconds + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " ended with " + p.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long clockTicks() {
        try {
            return Long.parseLong(run(List.of("getconf", "CLK_TCK"), 10).trim());
        } catch (RuntimeException e) {
            return 100;
        }
    }
}
