package io.voxify.saga.training;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.ProgressListener;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.voice.CloneTarget;
import io.voxify.inference.voice.ProfileTrainer;
import io.voxify.inference.voice.SpeakerEncoder;
import io.voxify.inference.voice.SpeechMeasures;
import io.voxify.inference.voice.TrainingConfig;
import io.voxify.inference.voice.VoiceFitter;
import io.voxify.inference.voice.VoiceProfile;
import java.util.List;

/**
 * How long one training epoch takes per batch item on this machine, measured by running two
 * (the first epoch only measures the start; the second is a whole one: the gradient renders and
 * the loss): used to estimate a training job's duration before any real training has been
 * measured here. Measured once, on first need.
 */
public class TrainingCalibration {
    private final SpeechSynthesizer synthesizer;
    private final SpeakerEncoder encoder;
    private final ProfileTrainer trainer;
    private volatile double msPerItem = -1;

    public TrainingCalibration(SpeechSynthesizer synthesizer, SpeakerEncoder encoder, ProfileTrainer trainer) {
        this.synthesizer = synthesizer;
        this.encoder = encoder;
        this.trainer = trainer;
    }

    public double millisPerEpochItem() {
        if (msPerItem < 0) {
            synchronized (this) {
                if (msPerItem < 0) {
                    msPerItem = measure();
                }
            }
        }
        return msPerItem;
    }

    private double measure() {
        float[] speech = AudioDecoder.decode(synthesizer.synthesize(new SynthesisRequest(VoiceFitter.CHECK_SENTENCE,
                "flite:rms", 1.0, 1.0, 1.0, "neutral", "wav", 16000, false, "word"), ProgressListener.NONE).audio())
                .mono();
        CloneTarget target = SpeechMeasures.target(List.of(speech), encoder, "en-US");
        VoiceProfile start = new VoiceProfile(VoiceFitter.DEFAULT_VOICE, 1.0, 1.0, 1.0, 1.0, 0.0);
        long[] elapsed = new long[3];
        trainer.train(start, target, new TrainingConfig(2, 0.05, 1), epoch -> elapsed[epoch.epoch()] = epoch.elapsedMillis());
        return Math.max(1, elapsed[2] - elapsed[1]);
    }
}
