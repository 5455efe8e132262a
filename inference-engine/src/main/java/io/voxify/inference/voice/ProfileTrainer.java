package io.voxify.inference.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.voxify.inference.SpeechSynthesizer;

/**
 * Refines a profile by gradient descent on measured loss. The parameters are ln(pitchFactor), ln(speedFactor),
 * ln(formantScale) and breathiness; the intonation range and the base voice stay as given.
 *
 * <p>Loss of a profile, averaged over the epoch's sentences:
 * <pre>
 *   ((F0 − F0_target) / F0_target)²  +  (1 − cos(embedding, target embedding))  +  ((rate − rate_target) / rate_target)²
 * </pre>
 * Each epoch measures the loss at the current parameters and, by forward differences, its slope along
 * pitch, formant and breath (three more renderings of the batch); the slope along speed is analytic,
 * because the syllable rate scales with the speed factor by construction and speed barely moves the
 * embedding. The step is learning rate × gradient, limited to ±{@value #MAX_STEP} per parameter so that a
 * large error early on cannot throw the profile to a clamp.
 *
 * <p>Cost per epoch: 4 × batchSize syntheses of a sentence and the measurements, about 0.5 s per sentence.
 */
public final class ProfileTrainer {

    /**
     * The check sentences; an epoch's batch is the first batchSize of them, the same every epoch, so that
     * the losses of different epochs measure the same speech and the best one can be picked by comparing.
     */
    public static final List<String> SENTENCES = List.of(
            VoiceFitter.CHECK_SENTENCE,
            "She sells sea shells by the shore, and the shells she sells are surely seashells.",
            "Please call Stella and ask her to bring these things with her from the store.",
            "A large rainbow appears in the sky after the rain, and the children run outside to look.",
            "Thick fog rolled over the harbour as the old ship moved slowly toward the bridge.");

    private static final double MAX_STEP = 0.15;
    /** Finite-difference steps: at least one formant quantum (2.5 %), small enough to stay local. */
    private static final double PITCH_DELTA = 0.03;
    private static final double FORMANT_DELTA = 0.05;
    private static final double BREATH_DELTA = 0.1;

    private final ProfileRenderer renderer;

    public ProfileTrainer(SpeechSynthesizer synthesizer, SpeakerEncoder encoder) {
        this.renderer = new ProfileRenderer(synthesizer, encoder);
    }

    /**
     * Each epoch synthesises, measures, adjusts; the listener sees every epoch as it ends. Returns the
     * history up to and including the epoch with the lowest loss, so the last element holds the best profile
     * found (epochs after it made things worse and are left out).
     */
    public List<EpochResult> train(VoiceProfile start, CloneTarget target, TrainingConfig config,
                                   Consumer<EpochResult> listener) {
        float[] embedding = target.embedding();
        if (embedding.length != renderer.encoder().dimension()) {
            throw new IllegalArgumentException("target embedding has " + embedding.length
                    + " dimensions, the encoder makes " + renderer.encoder().dimension());
        }
        if (!renderer.supports(start.baseVoiceId())) {
            throw new IllegalArgumentException("unknown base voice: " + start.baseVoiceId());
        }
        long started = System.nanoTime();
        Consumer<EpochResult> sink = listener == null ? r -> { } : listener;
        List<EpochResult> history = new ArrayList<>();
        int best = -1;
        double[] theta = {Math.log(start.pitchFactor()), Math.log(start.speedFactor()), Math.log(start.formantScale()),
                start.breathiness()};
        List<String> sentences = SENTENCES.subList(0, Math.min(config.batchSize(), SENTENCES.size()));
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            VoiceProfile profile = profile(start, theta);
            Loss loss = loss(profile, sentences, target, embedding);
            EpochResult result = new EpochResult(epoch, loss.total(), profile, (System.nanoTime() - started) / 1_000_000);
            history.add(result);
            if (best < 0 || result.loss() < history.get(best).loss()) {
                best = history.size() - 1;
            }
            sink.accept(result);
            if (epoch == config.epochs()) {
                break;
            }
            double[] gradient = new double[4];
            gradient[0] = slope(start, theta, 0, PITCH_DELTA, loss.total(), sentences, target, embedding);
            gradient[1] = loss.rateGradient();
            gradient[2] = slope(start, theta, 2, FORMANT_DELTA, loss.total(), sentences, target, embedding);
            gradient[3] = slope(start, theta, 3, BREATH_DELTA, loss.total(), sentences, target, embedding);
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= VoiceFitter.clamp(config.learningRate() * gradient[i], -MAX_STEP, MAX_STEP);
            }
            theta = bounded(theta);
        }
        return List.copyOf(history.subList(0, best + 1));
    }

    /** Loss of one profile and the analytic slope of its rate term along ln(speed). */
    private record Loss(double total, double rateGradient) {
    }

    private Loss loss(VoiceProfile profile, List<String> sentences, CloneTarget target, float[] embedding) {
        double total = 0;
        double rateGradient = 0;
        for (String sentence : sentences) {
            ProfileRenderer.Rendering r = renderer.render(sentence, profile);
            double f0 = r.measures().f0MedianHz();
            double f0Term = f0 > 0 ? square((f0 - target.f0MedianHz()) / target.f0MedianHz()) : 1;
            double rateRatio = r.measures().syllableRate() / target.speakingRate();
            total += f0Term + (1 - SpeakerEncoder.similarity(r.embedding(), embedding)) + square(rateRatio - 1);
            // rate = c·speed, so d/d ln(speed) of (rate/target − 1)² is 2·(ratio − 1)·ratio.
            rateGradient += 2 * (rateRatio - 1) * rateRatio;
        }
        return new Loss(total / sentences.size(), rateGradient / sentences.size());
    }

    private double slope(VoiceProfile start, double[] theta, int index, double delta, double at, List<String> sentences,
                         CloneTarget target, float[] embedding) {
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
        return (loss(profile(start, moved), sentences, target, embedding).total() - at) / actual;
    }

    private static VoiceProfile profile(VoiceProfile start, double[] theta) {
        return VoiceProfile.clamped(start.baseVoiceId(), Math.exp(theta[0]), start.pitchRangeFactor(),
                Math.exp(theta[1]), Math.exp(theta[2]), theta[3]);
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
}
