package io.voxify.inference.analysis;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.voxify.inference.voice.SpeakerEncoder;

/**
 * Analyses (and embeds) {@link TenMinutes} in a JVM of its own and prints what it took, one {@code key=value}
 * line: {@code java -Xmx… -cp <test class path> io.voxify.inference.analysis.AnalysisMemoryProbe WHAT}, where
 * WHAT is {@code analyzer}, {@code reference} (the analyser before it measured frame by frame) or
 * {@code analyzer+embed}. Exits 0 when the work was done, 3 on {@link OutOfMemoryError}.
 */
public final class AnalysisMemoryProbe {

    private AnalysisMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "analyzer" : args[0];
        try {
            run(what);
        } catch (OutOfMemoryError e) {
            System.out.println("result=oom what=" + what + " message=" + e.getMessage());
            System.exit(3);
        }
    }

    private static void run(String what) throws IOException {
        SpeakerEncoder encoder = what.endsWith("+embed") ? SpeakerEncoder.createDefault() : null;
        float[] x = TenMinutes.speech(1);
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        Recording recording = new Recording(x, (double) x.length / Recordings.RATE, 0, peak);
        x = null;

        long before = settledHeap();
        resetPeaks();
        long allocatedBefore = allocated();
        long started = System.nanoTime();
        SampleAnalysis analysis = what.startsWith("reference") ? new ReferenceSampleAnalyzer().analyze(recording)
                : new SampleAnalyzer().analyze(recording);
        long analysisMs = (System.nanoTime() - started) / 1_000_000;
        long analysisPeak = peakHeap();
        long analysisAllocated = allocated() - allocatedBefore;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "result=ok what=%s heap_before_mb=%.1f analysis_peak_heap_mb=%.1f analysis_allocated_mb=%.1f "
                        + "analysis_ms=%d speech_s=%.2f snr_db=%.3f f0_median=%.3f rate=%.4f tilt=%.4f",
                what, mb(before), mb(analysisPeak), mb(analysisAllocated), analysisMs,
                analysis.metrics().speechDuration(), analysis.metrics().snrDb(), analysis.metrics().f0MedianHz(),
                analysis.metrics().speakingRate(), analysis.metrics().spectralTilt()));
        if (encoder != null) {
            float[] speech = analysis.speech16k();
            long heapBefore = settledHeap();
            resetPeaks();
            long rssBefore = residentKb("VmRSS");
            resetResidentPeak();
            long embedStarted = System.nanoTime();
            float[] embedding = encoder.embed(speech);
            long embedMs = (System.nanoTime() - embedStarted) / 1_000_000;
            out.append(String.format(Locale.ROOT,
                    " embed_speech_s=%.1f embed_ms=%d embed_peak_heap_above_mb=%.1f embed_rss_rise_mb=%.1f"
                            + " embedding0=%.6f",
                    speech.length / (double) Recordings.RATE, embedMs, mb(peakHeap() - heapBefore),
                    (residentKb("VmHWM") - rssBefore) / 1024.0, embedding[0]));
        }
        System.out.println(out);
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of each heap pool's peak: an upper bound, as the pools need not peak at once. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long residentKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Linux resets VmHWM to the current RSS on "5" written to clear_refs. */
    private static void resetResidentPeak() throws IOException {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }
}
