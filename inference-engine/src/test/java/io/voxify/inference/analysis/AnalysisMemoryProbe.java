package io.voxify.inference.analysis;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.voxify.inference.OnnxRuntime;
import io.voxify.inference.voice.SpeakerEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Analyses (and embeds) {@link TenMinutes} in a JVM of its own and prints what it took, one {@code key=value}
 * line: {@code java -Xmx… -cp <test class path> io.voxify.inference.analysis.AnalysisMemoryProbe WHAT}, where
 * WHAT is {@code analyzer}, {@code reference} (the analyser before it measured frame by frame), either with
 * {@code +embed} (the speech embedded too) and with {@code +unbroken} (the reader without pauses, so that the
 * speech the analysis returns is nearly the whole recording). {@code +onerun} embeds as the encoder did before
 * it cut long speech into windows: one run of the bundled model over all of it. Exits 0 when the work was done, 3 on {@link OutOfMemoryError}.
 */
public final class AnalysisMemoryProbe {

    private AnalysisMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "analyzer" : args[0];
        try {
            run(what);
        } catch (OutOfMemoryError e) {
            System.out.println("result=oom what=" + what + " message=" + e.getMessage());
            System.exit(3);
        }
    }

    private static void run(String what) throws IOException, OrtException {
        SpeakerEncoder encoder = what.contains("+embed") ? SpeakerEncoder.createDefault() : null;
        float[] x = TenMinutes.speech(1, !what.contains("+unbroken"));
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
        SampleAnalysis analysis = what.startsWith("reference")
                ? new ReferenceSampleAnalyzer().analyze(recording)
                : new SampleAnalyzer().analyze(recording);
        long analysisMs = (System.nanoTime() - started) / 1_000_000;
        long analysisPeak = peakHeap();
        long analysisAllocated = allocated() - allocatedBefore;
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "result=ok what=%s heap_before_mb=%.1f analysis_peak_heap_mb=%.1f analysis_allocated_mb=%.1f "
                        + "analysis_ms=%d speech_s=%.2f snr_db=%.3f f0_median=%.3f rate=%.4f tilt=%.4f",
                what,
                mb(before),
                mb(analysisPeak),
                mb(analysisAllocated),
                analysisMs,
                analysis.metrics().speechDuration(),
                analysis.metrics().snrDb(),
                analysis.metrics().f0MedianHz(),
                analysis.metrics().speakingRate(),
                analysis.metrics().spectralTilt()));
        if (encoder != null) {
            float[] speech = analysis.speech16k();
            // A node has embedded before: what the first run of a session sets up is not the long input's cost.
            float[] second = Arrays.copyOf(speech, Recordings.RATE);
            OrtSession session = what.contains("+onerun")
                    ? OnnxRuntime.environment().createSession(bundledModel(), new OrtSession.SessionOptions())
                    : null;
            if (session != null) {
                oneRun(session, second);
            } else {
                encoder.embed(second);
            }
            long heapBefore = settledHeap();
            resetPeaks();
            long rssBefore = residentKb("VmRSS");
            resetResidentPeak();
            long embedStarted = System.nanoTime();
            float[] embedding = session != null ? oneRun(session, speech) : encoder.embed(speech);
            long embedMs = (System.nanoTime() - embedStarted) / 1_000_000;
            out.append(String.format(
                    Locale.ROOT,
                    " embed_speech_s=%.1f embed_ms=%d embed_peak_heap_above_mb=%.1f embed_rss_rise_mb=%.1f"
                            + " embedding0=%.6f",
                    speech.length / (double) Recordings.RATE,
                    embedMs,
                    mb(peakHeap() - heapBefore),
                    (residentKb("VmHWM") - rssBefore) / 1024.0,
                    embedding[0]));
        }
        System.out.println(out);
    }

    /** What {@code SpeakerEncoder.embed} did before it cut long speech into windows. */
    private static float[] oneRun(OrtSession session, float[] speech) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(
                        OnnxRuntime.environment(), FloatBuffer.wrap(speech), new long[] {1, speech.length});
                OrtSession.Result result = session.run(Map.of(SpeakerEncoder.INPUT_NAME, input))) {
            return ((float[][]) result.get(0).getValue())[0];
        }
    }

    private static byte[] bundledModel() throws IOException {
        try (InputStream in = SpeakerEncoder.class.getResourceAsStream("speaker_encoder.onnx")) {
            return in.readAllBytes();
        }
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
