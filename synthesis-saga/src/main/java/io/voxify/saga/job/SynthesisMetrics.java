package io.voxify.saga.job;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * The real-time factor of every synthesis: seconds the engine took over seconds of audio it
 * produced, tagged by engine. Below 1 the engine speaks faster than real time; a rising
 * distribution is the first sign of an overloaded worker or a slow voice. Buckets are fixed so
 * that workers and dashboards agree on them, from a thousandth of real time (espeak-ng) to ten
 * times slower than real time (a neural voice on a starved core).
 */
public final class SynthesisMetrics {
    public static final String REAL_TIME_FACTOR = "voxify.synthesis.real.time.factor";
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final MeterRegistry registry;

    public SynthesisMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one synthesis; audio of no length has no real-time factor and is not recorded. */
    public void recordSynthesis(String engineVoiceId, long synthesisNanos, double audioSeconds) {
        if (!(audioSeconds > 0) || synthesisNanos < 0) {
            return;
        }
        DistributionSummary.builder(REAL_TIME_FACTOR)
                .description("Synthesis time over the duration of the audio produced, per job")
                .tag("engine", engineOf(engineVoiceId))
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
