package io.voxify.worker.training;

import io.voxify.events.training.TrainingSettings;
import io.voxify.inference.AudioDecoder;
import io.voxify.inference.ProgressListener;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.SynthesisResult;
import io.voxify.inference.voice.ProfileTrainer;
import io.voxify.inference.voice.SpeakerEncoder;
import io.voxify.inference.voice.SpeakerMaterial;
import io.voxify.inference.voice.SpeechMeasures;
import io.voxify.inference.voice.TrainingConfig;
import io.voxify.inference.voice.VoiceFitter;
import io.voxify.inference.voice.VoiceProfile;
import java.util.Arrays;

/**
 * What training costs on this machine, measured once on first need by doing a little of it: a speaker's
 * recording (Flite's rms speaking the check sentence) made into material, two epochs trained on it (the second
 * is a whole one: {@value ProfileTrainer#RENDERS_PER_EPOCH} renderings), the whole material pooled into one batch
 * (its audio embedded), and the reference passage spoken and measured. From those, {@link #estimateSeconds} adds
 * up what a job will do.
 */
public class TrainingCalibration {
    /** Renderings a job makes besides its epochs': the start and the result evaluated, two each. */
    static final int EVALUATION_RENDERS = 4;

    private final SpeechSynthesizer synthesizer;
    private final SpeakerEncoder encoder;
    private final ProfileTrainer trainer;
    private volatile Costs costs;

    /**
     * @param millisPerRender         one rendering of the check sentence with a profile, measured
     * @param millisPerSegment        making one half-second segment of material (its pitch and nuclei)
     * @param millisPerBatchSegment   pooling one segment into a step's target, its audio embedded with the batch's
     * @param millisPerPassage        the reference passage spoken without effects and measured (timing alignment)
     * @param millisPerSpokenSecond   the same per second of speech, for a transcript spoken the same way
     */
    public record Costs(
            double millisPerRender,
            double millisPerSegment,
            double millisPerBatchSegment,
            double millisPerPassage,
            double millisPerSpokenSecond) {}

    public TrainingCalibration(SpeechSynthesizer synthesizer, SpeakerEncoder encoder, ProfileTrainer trainer) {
        this.synthesizer = synthesizer;
        this.encoder = encoder;
        this.trainer = trainer;
    }

    public Costs costs() {
        Costs c = costs;
        if (c == null) {
            synchronized (this) {
                if (costs == null) {
                    costs = measure();
                }
                c = costs;
            }
        }
        return c;
    }

    /**
     * Seconds a training job will take: its renderings (each epoch's {@value ProfileTrainer#RENDERS_PER_EPOCH},
     * one for the last, and the evaluations; with {@code buildsClone} the fit of the clone before it), the
     * material made from {@code speechSeconds} of recording, each epoch's batch pooled (the batch size counts
     * up to the segments there are), and with timing alignment the passage spoken and measured once, and the
     * transcript when there is one (about as long as the speech).
     *
     * @param pastMillisPerEpoch one whole epoch as measured over past training here; 0 or less when there is
     *                           none, and this machine's calibration stands in
     */
    public double estimateSeconds(
            TrainingSettings settings,
            double speechSeconds,
            boolean hasTranscript,
            boolean buildsClone,
            double pastMillisPerEpoch) {
        Costs c = costs();
        double perRender =
                pastMillisPerEpoch > 0 ? pastMillisPerEpoch / ProfileTrainer.RENDERS_PER_EPOCH : c.millisPerRender();
        int segments = Math.max(1, (int) Math.ceil(speechSeconds / SpeakerMaterial.SEGMENT_SECONDS));
        double renders = settings.epochs() * ProfileTrainer.RENDERS_PER_EPOCH
                - (ProfileTrainer.RENDERS_PER_EPOCH - 1)
                + EVALUATION_RENDERS
                + (buildsClone ? VoiceFitter.RENDERS_PER_FIT : 0);
        double ms = renders * perRender
                + segments * c.millisPerSegment()
                + (double) settings.epochs() * Math.min(settings.batchSize(), segments) * c.millisPerBatchSegment()
                + (settings.timestampAlignment()
                        ? c.millisPerPassage() + (hasTranscript ? speechSeconds * c.millisPerSpokenSecond() : 0)
                        : 0);
        return ms / 1000.0;
    }

    private Costs measure() {
        float[] speech = AudioDecoder.decode(synthesizer
                        .synthesize(
                                new SynthesisRequest(
                                        VoiceFitter.CHECK_SENTENCE,
                                        "flite:rms",
                                        1.0,
                                        1.0,
                                        1.0,
                                        "neutral",
                                        "wav",
                                        16000,
                                        false,
                                        "word"),
                                ProgressListener.NONE)
                        .audio())
                .mono();
        long t0 = System.nanoTime();
        SpeakerMaterial material = SpeakerMaterial.of(speech, null, encoder);
        double perSegment = (System.nanoTime() - t0) / 1e6 / material.size();

        int[] all = new int[material.size()];
        Arrays.setAll(all, i -> i);
        int rounds = 5;
        long t1 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            material.target(all);
        }
        double perBatchSegment = (System.nanoTime() - t1) / 1e6 / rounds / material.size();

        long[] elapsed = new long[3];
        trainer.train(
                VoiceProfile.neutral(VoiceFitter.DEFAULT_VOICE),
                material,
                new TrainingConfig(2, 0.05, 1, false),
                epoch -> elapsed[epoch.epoch()] = epoch.elapsedMillis());
        double perRender = Math.max(1, elapsed[2] - elapsed[1]) / (double) ProfileTrainer.RENDERS_PER_EPOCH;

        long t2 = System.nanoTime();
        SynthesisResult passage = synthesizer.synthesize(
                new SynthesisRequest(
                        ProfileTrainer.REFERENCE_PASSAGE,
                        VoiceFitter.DEFAULT_VOICE,
                        1.0,
                        1.0,
                        1.0,
                        "neutral",
                        "wav",
                        16000,
                        true,
                        "word"),
                ProgressListener.NONE);
        SpeechMeasures.of(AudioDecoder.decode(passage.audio()).mono());
        double perPassage = (System.nanoTime() - t2) / 1e6;
        return new Costs(
                perRender,
                perSegment,
                perBatchSegment,
                perPassage,
                perPassage / Math.max(1, passage.durationSeconds()));
    }
}
