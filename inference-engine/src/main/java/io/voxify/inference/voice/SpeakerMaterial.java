package io.voxify.inference.voice;

import io.voxify.inference.audio.Pauses;
import io.voxify.inference.audio.PitchTracker;
import io.voxify.inference.audio.Silence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A speaker's recording as training material. Its speech (edge silence left out) is cut into segments of
 * {@value #SEGMENT_SECONDS} s, each measured once: the F0 of its voiced 10 ms frames, the syllable nuclei and the
 * speaking time (pauses left out) inside it. A training step draws a batch of segments and aggregates them into
 * the target it steps towards, the way measures of several samples are aggregated into a clone's target: F0
 * statistics over the pooled frames, the rate over the pooled speaking time, and the speaker embedding of the
 * batch's audio, its segments joined (one run of the encoder per step, over the batch's seconds of speech).
 * Segments with fewer than {@value #MIN_VOICED_FRAMES} voiced frames (pauses, breaths) carry nothing to learn from
 * and are left out.
 *
 * <p>The rhythm is measured on the whole recording, since a pause can straddle two segments: the median
 * {@linkplain Pauses pause} and the speaking time (the speech with its pauses left out), which with the
 * transcript, when there is one, says how long this speaker takes to say those words.
 *
 * <p>Holds the recording (38.4 MB for ten minutes) for as long as it is used.
 */
public final class SpeakerMaterial {

    public static final double SEGMENT_SECONDS = 0.5;
    static final int MIN_VOICED_FRAMES = 5;
    private static final int SAMPLE_RATE = SpeechMeasures.SAMPLE_RATE;
    private static final int HOP = SpeechMeasures.HOP;

    /** One segment: where it is and its measures. */
    record Segment(int from, int to, double[] voicedF0, int nuclei, double speakingSeconds) {}

    /** What a training step aims at: pitch, articulation rate and timbre. */
    public record Target(double f0MedianHz, double articulationRate, float[] embedding) {}

    private final float[] recording;
    private final SpeakerEncoder encoder;
    private final List<Segment> segments;
    private final Target whole;
    private final double medianPauseSeconds;
    private final String transcript;
    private final double speakingSeconds;

    private SpeakerMaterial(
            float[] recording,
            SpeakerEncoder encoder,
            List<Segment> segments,
            double medianPauseSeconds,
            String transcript,
            double speakingSeconds) {
        this.recording = recording;
        this.encoder = encoder;
        this.segments = List.copyOf(segments);
        this.medianPauseSeconds = medianPauseSeconds;
        this.transcript = transcript;
        this.speakingSeconds = speakingSeconds;
        int[] all = new int[segments.size()];
        Arrays.setAll(all, i -> i);
        this.whole = target(all);
    }

    /**
     * Measures 16 kHz mono speech (kept, not copied: the caller must not change it); {@code transcript} is what
     * was said in it, or null.
     *
     * @throws IllegalArgumentException when there is no voiced speech to learn from
     */
    public static SpeakerMaterial of(float[] mono16k, String transcript, SpeakerEncoder encoder) {
        int[] bounds = Silence.speechBounds(mono16k, SAMPLE_RATE);
        if (bounds[1] <= bounds[0]) {
            throw new IllegalArgumentException("the recording is silent");
        }
        double[] f0 = PitchTracker.track(mono16k, SAMPLE_RATE, HOP);
        int[] nuclei = SpeechMeasures.nucleusFrames(mono16k, f0);
        List<int[]> pauses = Pauses.find(mono16k, SAMPLE_RATE);
        int segmentLength = (int) Math.round(SEGMENT_SECONDS * SAMPLE_RATE);
        List<Segment> segments = new ArrayList<>();
        double speaking = 0;
        for (int from = bounds[0]; from < bounds[1]; from += segmentLength) {
            int to = Math.min(bounds[1], from + segmentLength);
            List<Double> voiced = new ArrayList<>();
            for (int k = (from + HOP - 1) / HOP; k * HOP < to && k < f0.length; k++) {
                if (f0[k] > 0) {
                    voiced.add(f0[k]);
                }
            }
            int count = 0;
            for (int k : nuclei) {
                if (k * HOP >= from && k * HOP < to) {
                    count++;
                }
            }
            double seconds = (double) (to - from - overlap(pauses, from, to)) / SAMPLE_RATE;
            speaking += seconds;
            if (voiced.size() >= MIN_VOICED_FRAMES) {
                segments.add(new Segment(
                        from,
                        to,
                        voiced.stream().mapToDouble(Double::doubleValue).toArray(),
                        count,
                        seconds));
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("the recording has no voiced speech");
        }
        String said = transcript == null || transcript.isBlank() ? null : transcript.strip();
        return new SpeakerMaterial(
                mono16k, encoder, segments, Pauses.medianSeconds(pauses, SAMPLE_RATE), said, speaking);
    }

    private static int overlap(List<int[]> pauses, int from, int to) {
        int total = 0;
        for (int[] p : pauses) {
            total += Math.max(0, Math.min(to, p[1]) - Math.max(from, p[0]));
        }
        return total;
    }

    /** Segments a batch can draw from. */
    public int size() {
        return segments.size();
    }

    /** The target of all segments at once: what each epoch's loss is reported against. */
    Target whole() {
        return whole;
    }

    /**
     * The whole material as a clone's target, in {@code language}: what a voice trained on it is judged against
     * (F0 median and spread of all its voiced frames, its syllable rate, the embedding of all its segments).
     */
    public CloneTarget cloneTarget(String language) {
        double[] f0 = segments.stream()
                .flatMapToDouble(s -> Arrays.stream(s.voicedF0()))
                .sorted()
                .toArray();
        double rate = whole.articulationRate() > 0 ? whole.articulationRate() : 1;
        return new CloneTarget(
                whole.f0MedianHz(),
                SpeechMeasures.percentile(f0, 0.1),
                SpeechMeasures.percentile(f0, 0.9),
                rate,
                whole.embedding(),
                language);
    }

    /** The median pause of the recording in seconds; 0 when it has none. */
    public double medianPauseSeconds() {
        return medianPauseSeconds;
    }

    /** What was said in the recording, or null when no transcript came with it. */
    public String transcript() {
        return transcript;
    }

    /** Seconds of speaking in the whole recording: the speech with its pauses left out. */
    public double speakingSeconds() {
        return speakingSeconds;
    }

    /** Syllable nuclei per second of speaking over the whole recording. */
    public double articulationRate() {
        return whole.articulationRate();
    }

    /** The aggregated measures of the segments at {@code indices}, their audio embedded as one. */
    public Target target(int[] indices) {
        List<Double> pooled = new ArrayList<>();
        double nuclei = 0;
        double seconds = 0;
        int length = 0;
        for (int i : indices) {
            Segment s = segments.get(i);
            for (double v : s.voicedF0()) {
                pooled.add(v);
            }
            nuclei += s.nuclei();
            seconds += s.speakingSeconds();
            length += s.to() - s.from();
        }
        float[] audio = new float[length];
        int at = 0;
        for (int i : indices) {
            Segment s = segments.get(i);
            System.arraycopy(recording, s.from(), audio, at, s.to() - s.from());
            at += s.to() - s.from();
        }
        double[] f0 = pooled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Target(SpeechMeasures.percentile(f0, 0.5), seconds > 0 ? nuclei / seconds : 0, encoder.embed(audio));
    }
}
