package io.voxify.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One section of {@code BENCHMARKS.md}, written by a benchmark class ({@code *Benchmark}, run by
 * {@code make bench}, never by {@code make test}). Each section is a Markdown file named by its
 * id in {@code voxify.bench.out} (default {@code target/bench}); {@code scripts/bench.sh} puts
 * the sections of a run into {@code BENCHMARKS.md} in id order, replacing the sections of the same
 * ids and keeping the others. A section says what runs, what is measured, the figures (each
 * against a baseline measured in the same run) and what they mean.
 */
public final class BenchReport {
    private BenchReport() {}

    /** Writes the section {@code id} (e.g. {@code "20-pipeline"}); its text starts with a level-2 heading. */
    public static void section(String id, String markdown) {
        if (!id.matches("[0-9]{2}-[a-z0-9-]+")) {
            throw new IllegalArgumentException("Section ids look like 20-pipeline: " + id);
        }
        Path dir = Path.of(System.getProperty("voxify.bench.out", "target/bench"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(id + ".md"), markdown.strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("%n%s%n", markdown.strip());
    }

    /** A Markdown table; cells are written with {@link String#valueOf(Object)}. */
    public static String table(List<String> header, List<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        out.append(row(header))
                .append('|')
                .append(" --- |".repeat(header.size()))
                .append('\n');
        rows.forEach(r -> out.append(row(r)));
        return out.toString();
    }

    private static String row(List<?> cells) {
        return cells.stream().map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    /** The nearest-rank percentile {@code p} (0–100) of the values. */
    public static double percentile(Collection<? extends Number> values, double p) {
        List<Double> sorted = new ArrayList<>(
                values.stream().map(Number::doubleValue).sorted().toList());
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("No values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** A number with a fixed count of decimals, in the same form whatever the locale. */
    public static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** What else was running: the one-minute load average and the core count, for the section's text. */
    public static String machineLoad() {
        return "load average "
                + fixed(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2) + " on "
                + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
