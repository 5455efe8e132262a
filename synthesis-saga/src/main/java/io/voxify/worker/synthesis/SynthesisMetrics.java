package io.voxify.worker.synthesis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * The real-time factor of every synthesis: seconds the engine took over seconds of audio it
 * produced, tagged by engine. Below 1 the engine speaks faster than real time; a rising
 * distribution is the first sign of an overloaded worker or a slow voice. Buckets are fixed so
 * that workers and dashboards agree on them, from a thousandth of real time (espeak-ng) to ten
 * times slower than real time (a neural voice on a starved core).
 *
 * <p>Next to it, two counters per engine: the engine's wall time and the CPU time of the thread
 * that ran it (progress reporting excluded from both), so the platform's own cost per job is the
 * process CPU less the engine's.
 */
public final class SynthesisMetrics {
    public static final String REAL_TIME_FACTOR = "voxify.synthesis.real.time.factor";
    /** Exported to Prometheus as {@code voxify_synthesis_engine_cpu_seconds_total}. */
    public static final String ENGINE_CPU = "voxify.synthesis.engine.cpu";
    /** Exported to Prometheus as {@code voxify_synthesis_engine_wall_seconds_total}. */
    public static final String ENGINE_WALL = "voxify.synthesis.engine.wall";

    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final MeterRegistry registry;

    public SynthesisMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records one synthesis: its wall and CPU time in the counters, and its real-time factor
     * (audio of no length has none). A negative CPU time means the platform cannot measure it.
     */
    public void recordSynthesis(String engineVoiceId, long synthesisNanos, long engineCpuNanos, double audioSeconds) {
        if (synthesisNanos < 0) {
            return;
        }
        String engine = engineOf(engineVoiceId);
        Counter.builder(ENGINE_WALL)
                .baseUnit("seconds")
                .description("Wall time the engine spent synthesising, progress reporting excluded")
                .tag("engine", engine)
                .register(registry)
                .increment(synthesisNanos / 1e9);
        if (engineCpuNanos >= 0) {
            Counter.builder(ENGINE_CPU)
                    .baseUnit("seconds")
                    .description("CPU time of the threads that ran the engine, progress reporting excluded")
                    .tag("engine", engine)
                    .register(registry)
                    .increment(engineCpuNanos / 1e9);
        }
        if (!(audioSeconds > 0)) {
            return;
        }
        DistributionSummary.builder(REAL_TIME_FACTOR)
                .description("Synthesis time over the duration of the audio produced, per job")
                .tag("engine", engine)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(synthesisNanos / 1e9 / audioSeconds);
    }

    /** Engine voice ids are {@code engine:voice} ("flite:slt", "espeak:de+f3", "piper:standin"). */
    static String engineOf(String engineVoiceId) {
        int colon = engineVoiceId == null ? -1 : engineVoiceId.indexOf(':');
        return colon > 0 ? engineVoiceId.substring(0, colon).toLowerCase(Locale.ROOT) : "unknown";
    }
}
