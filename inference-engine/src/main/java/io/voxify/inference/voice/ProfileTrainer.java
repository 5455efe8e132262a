package io.voxify.inference.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisException;
import io.voxify.inference.Timestamp;

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
 *   ((F0 − F0_target) / F0_target)²  +  (1 − cos(embedding, target embedding))
 *   [ +  ((rate − rate_target) / rate_target)²   with timestamp alignment ]
 * </pre>
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
 * <p>Each epoch's reported loss is that of its profile against the whole material, so that epochs drawn on
 * different batches compare, and the best epoch is the one with the lowest. With timestamp alignment the best
 * profile's pauses are then set to the speaker's: the ratio of the speaker's median pause to the median pause
 * the voice makes speaking {@link #REFERENCE_PASSAGE} (the gaps between its words' timestamps) becomes its pause
 * factor.
 *
 * <p>Cost: {@value #RENDERS_PER_EPOCH} renderings of the sentence per epoch (one for the last); with alignment,
 * the passage (or transcript) spoken once more at the start and the passage at the end, without the profile's
 * effects. The batch's own cost is that of pooling its measures, microseconds a segment.
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
    public record TrainingResult(List<EpochResult> epochs, EpochResult best, VoiceProfile profile) {
    }

    /** Each epoch steps and is reported to the listener as it ends. */
    public TrainingResult train(VoiceProfile start, SpeakerMaterial material, TrainingConfig config,
                                Consumer<EpochResult> listener) {
        if (material.whole().embedding().length != renderer.encoder().dimension()) {
            throw new IllegalArgumentException("the material's embeddings have " + material.whole().embedding().length
                    + " dimensions, the encoder makes " + renderer.encoder().dimension());
        }
        if (!renderer.supports(start.baseVoiceId())) {
            throw new IllegalArgumentException("unknown base voice: " + start.baseVoiceId());
        }
        long started = System.nanoTime();
        Consumer<EpochResult> sink = listener == null ? r -> { } : listener;
        boolean timing = config.timestampAlignment();
        VoiceTiming spoken = timing ? voiceTiming(start, material) : null;
        Batches batches = new Batches(material.size(), config.batchSize());
        List<EpochResult> epochs = new ArrayList<>();
        EpochResult best = null;
        double[] theta = {Math.log(start.pitchFactor()), Math.log(start.speedFactor()), Math.log(start.formantScale()),
                start.breathiness()};
        double[] m = new double[theta.length];
        double[] v = new double[theta.length];
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            SpeakerMaterial.Target target = material.target(batches.next());
            VoiceProfile profile = profile(start, theta);
            ProfileRenderer.Rendering at = renderer.render(SENTENCE, profile);
            Loss whole = loss(at, profile, material.whole(), material, spoken, timing);
            EpochResult result = new EpochResult(epoch, whole.total(), profile, (System.nanoTime() - started) / 1_000_000);
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
            gradient[0] = slope(start, theta, 0, PITCH_DELTA, here.total(), target, material, spoken, timing);
            gradient[1] = timing ? here.rateGradient() : 0;
            gradient[2] = slope(start, theta, 2, FORMANT_DELTA, here.total(), target, material, spoken, timing);
            gradient[3] = slope(start, theta, 3, BREATH_DELTA, here.total(), target, material, spoken, timing);
            for (int i = 0; i < theta.length; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * gradient[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * gradient[i] * gradient[i];
                double mHat = m[i] / (1 - Math.pow(BETA1, epoch));
                double vHat = v[i] / (1 - Math.pow(BETA2, epoch));
                theta[i] -= VoiceFitter.clamp(config.learningRate() * mHat / (Math.sqrt(vHat) + EPSILON),
                        -MAX_STEP, MAX_STEP);
            }
            theta = bounded(theta);
        }
        VoiceProfile trained = best.profile();
        if (timing) {
            trained = withSpeakersPauses(trained, material);
        }
        return new TrainingResult(List.copyOf(epochs), best, trained);
    }

    /**
     * The profile with its pauses as long, relative to the voice's own, as the speaker's median pause is to the
     * median gap between words the voice leaves speaking {@link #REFERENCE_PASSAGE} at the profile's speed (its
     * sentence gaps and the pauses at its clause breaks). Unchanged when either has no pause to measure (espeak-ng
     * and Piper voices leave no gaps between their words' timestamps inside a sentence, and a short recording
     * may hold no pause).
     */
    VoiceProfile withSpeakersPauses(VoiceProfile profile, SpeakerMaterial material) {
        if (material.medianPauseSeconds() <= 0) {
            return profile;
        }
        VoiceProfile timingOnly = new VoiceProfile(profile.baseVoiceId(), 1, 1, profile.speedFactor(), 1, 0, 1);
        List<Timestamp> words = renderer.timed(REFERENCE_PASSAGE, timingOnly, true).timestamps();
        List<Double> gaps = new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            double gap = words.get(i + 1).start() - words.get(i).end();
            if (gap >= SpeechSynthesizer.MIN_WORD_GAP_SECONDS) {
                gaps.add(gap);
            }
        }
        if (gaps.isEmpty()) {
            return profile;
        }
        double[] sorted = gaps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double own = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return profile.withPauseFactor(material.medianPauseSeconds() / own);
    }

    /**
     * The voice's timing at {@code speedFactor}: its speaking time for the speaker's transcript (null without
     * one), and its articulation rate in syllable nuclei on {@link #REFERENCE_PASSAGE}.
     */
    private record VoiceTiming(Double transcriptSeconds, double nucleusRate, double speedFactor) {
    }

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
        double nucleusRate = SpeechMeasures.of(renderer.speak(REFERENCE_PASSAGE, timingOnly)).articulationRate();
        return new VoiceTiming(transcriptSeconds, nucleusRate, start.speedFactor());
    }

    /** Loss of one rendering and the analytic slope of its rate term along ln(speed). */
    private record Loss(double total, double rateGradient) {
    }

    private Loss loss(ProfileRenderer.Rendering r, VoiceProfile profile, SpeakerMaterial.Target target,
                      SpeakerMaterial material, VoiceTiming spoken, boolean timing) {
        double f0 = r.measures().f0MedianHz();
        double total = f0 > 0 ? square((f0 - target.f0MedianHz()) / target.f0MedianHz()) : 1;
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

    private double slope(VoiceProfile start, double[] theta, int index, double delta, double at,
                         SpeakerMaterial.Target target, SpeakerMaterial material, VoiceTiming spoken,
                         boolean timing) {
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
        VoiceProfile profile = profile(start, moved);
        ProfileRenderer.Rendering r = renderer.render(SENTENCE, profile);
        return (loss(r, profile, target, material, spoken, timing).total() - at) / actual;
    }

    private static VoiceProfile profile(VoiceProfile start, double[] theta) {
        return VoiceProfile.clamped(start.baseVoiceId(), Math.exp(theta[0]), start.pitchRangeFactor(),
                Math.exp(theta[1]), Math.exp(theta[2]), theta[3]).withPauseFactor(start.pauseFactor());
    }

    private static double[] bounded(double[] theta) {
        return new double[] {
                VoiceFitter.clamp(theta[0], Math.log(VoiceProfile.MIN_PITCH), Math.log(VoiceProfile.MAX_PITCH)),
                VoiceFitter.clamp(theta[1], Math.log(VoiceProfile.MIN_SPEED), Math.log(VoiceProfile.MAX_SPEED)),
                VoiceFitter.clamp(theta[2], Math.log(VoiceProfile.MIN_FORMANT), Math.log(VoiceProfile.MAX_FORMANT)),
                VoiceFitter.clamp(theta[3], 0, 1)};
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
                java.util.Arrays.setAll(all, i -> i);
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
            java.util.Arrays.setAll(o, i -> i);
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
