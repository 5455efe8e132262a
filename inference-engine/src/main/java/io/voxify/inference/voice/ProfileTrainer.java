package io.voxify.inference.voice;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisException;
import io.voxify.inference.SynthesisResult;
import io.voxify.inference.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Trains a profile against a speaker's {@link SpeakerMaterial} by mini-batch gradient descent with Adam. The
 * parameters are ln(pitchFactor), ln(formantScale) and breathiness, and with timestamp alignment also
 * ln(speedFactor); the intonation range and the base voice stay as given.
 *
 * <p>An epoch is one optimisation step. It draws {@code batchSize} segments of the speaker's material (see
 * {@link SpeakerMaterial}: half a second of speech each; consecutive epochs walk through a shuffled order of all
 * segments, reshuffled after each pass, so that every segment is used once before any is used again; a batch at
 * least as large as the material is all of it, every epoch) and aggregates them into the step's target. The loss
 * of a profile against a target, measured on {@link #SENTENCE} spoken with the profile:
 * <pre>
 *   |F0 − F0_target| / F0_target / 0.25  +  (1 − cos(embedding, target embedding))
 *   [ +  ((rate − rate_target) / rate_target)²   with timestamp alignment ]
 * </pre>
 * The F0 term is linear and scaled as the pitch half of a clone's quality score is ({@link VoiceFitter#evaluate}:
 * a quarter off costs it all), so that the epoch with the lowest loss does not trade a few percent of pitch
 * accuracy, which the score counts heavily, for a sliver of similarity; squared, a 3 % error would cost 0.001.
 * where rate is the articulation rate, syllables per second of speaking with pauses left out. The voice's is
 * measured once, at the start, on a passage spoken with the start's base voice and speed, and follows the speed
 * factor from there (Flite's and espeak-ng's durations scale with it). With a transcript the passage is the
 * speaker's own words, and the ratio of the rates is the speaker's speaking time over the voice's for them.
 * Without one it is {@link #REFERENCE_PASSAGE}, and the rates are syllable nuclei found in the audio per second of
 * speaking: the batch's segments for the speaker (their rhythm is only known from the audio), the passage for
 * the voice. A voice's rate is measured on connected prose rather than on {@link #SENTENCE}, whose run of
 * stressed monosyllables no one reads at their usual pace. The slopes along
 * pitch, formant and breath are forward differences (three more renderings); the slope along speed is
 * analytic, because the articulation rate scales with the speed factor by construction and speed barely moves
 * the embedding. Adam turns the gradient into a step of about {@code learningRate} per parameter (log units
 * for the factors: 0.001 is a 0.1 % change), limited to ±{@value #MAX_STEP} so that a large rate cannot throw
 * the profile to a clamp. A small batch gives noisy targets and steps that wander; a large one, the steps of
 * the whole material.
 *
 * <p>With timestamp alignment the voice also pauses as the speaker does: its pause factor is the ratio of the
 * speaker's median pause to the median pause the voice makes speaking {@link #REFERENCE_PASSAGE} at the start's
 * speed (the gaps between its words' timestamps), and follows the speed from there (the engines' pauses shrink as
 * they speed up), so every epoch renders, and is judged, with the pauses it will have.
 *
 * <p>Each epoch's reported loss is that of its profile against the whole material, so that epochs drawn on
 * different batches compare, and the best epoch is the one with the lowest: its profile is the result.
 *
 * <p>Cost: {@value #RENDERS_PER_EPOCH} renderings of the sentence per epoch (one for the last); with alignment,
 * the passage (and the transcript) spoken once at the start, without the profile's effects. A batch costs one run
 * of the speaker encoder over its seconds of speech.
 */
public final class ProfileTrainer {

    /** What every epoch speaks and measures: the fitter's check sentence, so losses and qualities compare. */
    public static final String SENTENCE = VoiceFitter.CHECK_SENTENCE;

    public static final int RENDERS_PER_EPOCH = 4;

    /**
     * Aesop's "The North Wind and the Sun", the passage phoneticians have speakers read to compare them: connected
     * prose with clause and sentence breaks.
     */
    public static final String REFERENCE_PASSAGE = "The North Wind and the Sun were disputing which was the "
            + "stronger, when a traveller came along wrapped in a warm cloak. They agreed that the one who first "
            + "succeeded in making the traveller take his cloak off should be considered stronger than the other. "
            + "Then the North Wind blew as hard as he could, but the more he blew the more closely did the traveller "
            + "fold his cloak around him; and at last the North Wind gave up the attempt. Then the Sun shined out "
            + "warmly, and immediately the traveller took off his cloak. And so the North Wind was obliged to "
            + "confess that the Sun was the stronger of the two.";

    private static final double MAX_STEP = 0.15;
    /** The F0 error that costs as much as the whole pitch half of a clone's quality score (see VoiceFitter). */
    private static final double F0_SCALE = 0.25;
    /** Finite-difference steps: at least one formant quantum (2.5 %), small enough to stay local. */
    private static final double PITCH_DELTA = 0.03;

    private static final double FORMANT_DELTA = 0.05;
    private static final double BREATH_DELTA = 0.1;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /** Batches are drawn in a fixed order: one material and one configuration always train the same way. */
    private static final long BATCH_SEED = 0x5eed_ba7cL;

    private final ProfileRenderer renderer;

    public ProfileTrainer(SpeechSynthesizer synthesizer, SpeakerEncoder encoder) {
        this.renderer = new ProfileRenderer(synthesizer, encoder);
    }

    /**
     * The epochs as they ran, the best of them, and the profile trained: the best epoch's, with the speaker's
     * pauses when timing was aligned.
     */
    public record TrainingResult(List<EpochResult> epochs, EpochResult best, VoiceProfile profile) {}

    /** Each epoch steps and is reported to the listener as it ends. */
    public TrainingResult train(
            VoiceProfile start, SpeakerMaterial material, TrainingConfig config, Consumer<EpochResult> listener) {
        if (material.whole().embedding().length != renderer.encoder().dimension()) {
            throw new IllegalArgumentException("the material's embeddings have "
                    + material.whole().embedding().length + " dimensions, the encoder makes "
                    + renderer.encoder().dimension());
        }
        if (!renderer.supports(start.baseVoiceId())) {
            throw new IllegalArgumentException("unknown base voice: " + start.baseVoiceId());
        }
        long started = System.nanoTime();
        Consumer<EpochResult> sink = listener == null ? r -> {} : listener;
        boolean timing = config.timestampAlignment();
        VoiceTiming spoken = timing ? voiceTiming(start, material) : null;
        // With alignment every epoch's profile pauses as the speaker does, at whatever speed it has come to.
        ToDoubleFunction<Double> pauses = spoken != null && spoken.pauseFactor() != null
                ? speed -> spoken.pauseFactor() * speed / spoken.speedFactor()
                : speed -> start.pauseFactor();
        Batches batches = new Batches(material.size(), config.batchSize());
        List<EpochResult> epochs = new ArrayList<>();
        EpochResult best = null;
        double[] theta = {
            Math.log(start.pitchFactor()),
            Math.log(start.speedFactor()),
            Math.log(start.formantScale()),
            start.breathiness()
        };
        double[] m = new double[theta.length];
        double[] v = new double[theta.length];
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            SpeakerMaterial.Target target = material.target(batches.next());
            VoiceProfile profile = profile(start, theta, pauses);
            ProfileRenderer.Rendering at = renderer.render(SENTENCE, profile);
            Loss whole = loss(at, profile, material.whole(), material, spoken, timing);
            EpochResult result =
                    new EpochResult(epoch, whole.total(), profile, (System.nanoTime() - started) / 1_000_000);
            epochs.add(result);
            if (best == null || result.loss() < best.loss()) {
                best = result;
            }
            sink.accept(result);
            if (epoch == config.epochs()) {
                break;
            }
            Loss here = loss(at, profile, target, material, spoken, timing);
            double[] gradient = new double[theta.length];
            Slope slope = new Slope(start, theta, here.total(), target, material, spoken, pauses);
            gradient[0] = slope.along(0, PITCH_DELTA);
            gradient[1] = timing ? here.rateGradient() : 0;
            gradient[2] = slope.along(2, FORMANT_DELTA);
            gradient[3] = slope.along(3, BREATH_DELTA);
            for (int i = 0; i < theta.length; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * gradient[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * gradient[i] * gradient[i];
                double mHat = m[i] / (1 - Math.pow(BETA1, epoch));
                double vHat = v[i] / (1 - Math.pow(BETA2, epoch));
                theta[i] -= VoiceFitter.clamp(
                        config.learningRate() * mHat / (Math.sqrt(vHat) + EPSILON), -MAX_STEP, MAX_STEP);
            }
            theta = bounded(theta);
        }
        return new TrainingResult(List.copyOf(epochs), best, best.profile());
    }

    /**
     * The voice's timing at {@code speedFactor}, the start's: its speaking time for the speaker's transcript (null
     * without one), its articulation rate in syllable nuclei on {@link #REFERENCE_PASSAGE}, and the pause factor
     * that makes its median pause there (the gaps between its words' timestamps: its sentence gaps and the pauses
     * at its clause breaks) the speaker's. The factor is null when either has no pause to measure: espeak-ng and
     * Piper voices leave no gaps between their words inside a sentence, and a short recording may hold no pause.
     */
    private record VoiceTiming(Double transcriptSeconds, double nucleusRate, Double pauseFactor, double speedFactor) {}

    /**
     * Spoken with the start's base voice and speed only: pitch, formants and breath do not change durations. A
     * transcript the voice cannot say (another language, another script) leaves the nuclei to compare.
     */
    private VoiceTiming voiceTiming(VoiceProfile start, SpeakerMaterial material) {
        VoiceProfile timingOnly = new VoiceProfile(start.baseVoiceId(), 1, 1, start.speedFactor(), 1, 0, 1);
        Double transcriptSeconds = null;
        if (material.transcript() != null && material.speakingSeconds() > 0) {
            try {
                SpeechMeasures said = SpeechMeasures.of(renderer.speak(material.transcript(), timingOnly));
                transcriptSeconds = said.phonationSeconds() > 0 ? said.phonationSeconds() : null;
            } catch (SynthesisException unspeakable) {
                transcriptSeconds = null;
            }
        }
        SynthesisResult passage = renderer.timed(REFERENCE_PASSAGE, timingOnly, true);
        double nucleusRate =
                SpeechMeasures.of(AudioDecoder.decode(passage.audio()).mono()).articulationRate();
        List<Timestamp> words = passage.timestamps();
        List<Double> gaps = new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            double gap = words.get(i + 1).start() - words.get(i).end();
            if (gap >= SpeechSynthesizer.MIN_WORD_GAP_SECONDS) {
                gaps.add(gap);
            }
        }
        Double pauseFactor = null;
        if (!gaps.isEmpty() && material.medianPauseSeconds() > 0) {
            double[] sorted =
                    gaps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double own = sorted.length % 2 == 1
                    ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            pauseFactor = material.medianPauseSeconds() / own;
        }
        return new VoiceTiming(transcriptSeconds, nucleusRate, pauseFactor, start.speedFactor());
    }

    /** Loss of one rendering and the analytic slope of its rate term along ln(speed). */
    private record Loss(double total, double rateGradient) {}

    private Loss loss(
            ProfileRenderer.Rendering r,
            VoiceProfile profile,
            SpeakerMaterial.Target target,
            SpeakerMaterial material,
            VoiceTiming spoken,
            boolean timing) {
        double f0 = r.measures().f0MedianHz();
        double total = f0 > 0 ? Math.abs(f0 - target.f0MedianHz()) / target.f0MedianHz() / F0_SCALE : 1 / F0_SCALE;
        total += 1 - SpeakerEncoder.similarity(r.embedding(), target.embedding());
        double rateGradient = 0;
        double ratio = 0;
        double speedChange = timing ? profile.speedFactor() / spoken.speedFactor() : 0;
        if (timing && spoken.transcriptSeconds() != null) {
            ratio = material.speakingSeconds() / spoken.transcriptSeconds() * speedChange;
        } else if (timing && target.articulationRate() > 0) {
            ratio = spoken.nucleusRate() * speedChange / target.articulationRate();
        }
        if (ratio > 0) {
            total += square(ratio - 1);
            // rate = c·speed, so d/d ln(speed) of (rate/target − 1)² is 2·(ratio − 1)·ratio.
            rateGradient = 2 * (ratio - 1) * ratio;
        }
        return new Loss(total, rateGradient);
    }

    /** Forward differences of the batch's loss around one point. */
    private final class Slope {
        private final VoiceProfile start;
        private final double[] theta;
        private final double at;
        private final SpeakerMaterial.Target target;
        private final SpeakerMaterial material;
        private final VoiceTiming spoken;
        private final ToDoubleFunction<Double> pauses;

        Slope(
                VoiceProfile start,
                double[] theta,
                double at,
                SpeakerMaterial.Target target,
                SpeakerMaterial material,
                VoiceTiming spoken,
                ToDoubleFunction<Double> pauses) {
            this.start = start;
            this.theta = theta;
            this.at = at;
            this.target = target;
            this.material = material;
            this.spoken = spoken;
            this.pauses = pauses;
        }

        double along(int index, double delta) {
            double[] moved = theta.clone();
            moved[index] += delta;
            moved = bounded(moved);
            double actual = moved[index] - theta[index];
            if (Math.abs(actual) < 1e-9) {
                // At the upper edge: look the other way.
                moved = theta.clone();
                moved[index] -= delta;
                moved = bounded(moved);
                actual = moved[index] - theta[index];
            }
            VoiceProfile profile = profile(start, moved, pauses);
            ProfileRenderer.Rendering r = renderer.render(SENTENCE, profile);
            return (loss(r, profile, target, material, spoken, spoken != null).total() - at) / actual;
        }
    }

    private static VoiceProfile profile(VoiceProfile start, double[] theta, ToDoubleFunction<Double> pauses) {
        double speed = VoiceFitter.clamp(Math.exp(theta[1]), VoiceProfile.MIN_SPEED, VoiceProfile.MAX_SPEED);
        return VoiceProfile.clamped(
                        start.baseVoiceId(),
                        Math.exp(theta[0]),
                        start.pitchRangeFactor(),
                        speed,
                        Math.exp(theta[2]),
                        theta[3])
                .withPauseFactor(pauses.applyAsDouble(speed));
    }

    private static double[] bounded(double[] theta) {
        return new double[] {
            VoiceFitter.clamp(theta[0], Math.log(VoiceProfile.MIN_PITCH), Math.log(VoiceProfile.MAX_PITCH)),
            VoiceFitter.clamp(theta[1], Math.log(VoiceProfile.MIN_SPEED), Math.log(VoiceProfile.MAX_SPEED)),
            VoiceFitter.clamp(theta[2], Math.log(VoiceProfile.MIN_FORMANT), Math.log(VoiceProfile.MAX_FORMANT)),
            VoiceFitter.clamp(theta[3], 0, 1)
        };
    }

    private static double square(double v) {
        return v * v;
    }

    /** Segment indices batch by batch: a shuffled pass over all of them, then another. */
    static final class Batches {
        private final int size;
        private final int batch;
        private final SplittableRandom random = new SplittableRandom(BATCH_SEED);
        private int[] order;
        private int next;

        Batches(int size, int batch) {
            this.size = size;
            this.batch = batch;
            this.order = shuffled();
        }

        int[] next() {
            if (batch >= size) {
                int[] all = new int[size];
                Arrays.setAll(all, i -> i);
                return all;
            }
            int[] out = new int[batch];
            for (int i = 0; i < batch; i++) {
                if (next == size) {
                    order = shuffled();
                    next = 0;
                }
                out[i] = order[next++];
            }
            return out;
        }

        private int[] shuffled() {
            int[] o = new int[size];
            Arrays.setAll(o, i -> i);
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = o[i];
                o[i] = o[j];
                o[j] = t;
            }
            return o;
        }
    }
}
