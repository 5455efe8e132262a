package io.voxify.inference.analysis;

import java.util.Random;

/**
 * The longest recording an upload may hold: 10 minutes at 16 kHz of the LibriVox reader, his five clips in
 * turn at levels from −6 to +3 dB, with pauses of 0.2 to 1.2 s between them (or none, so that nearly all of it
 * is speech), over a faint pink hiss.
 */
final class TenMinutes {

    static final int SAMPLES = 10 * 60 * Recordings.RATE;

    private TenMinutes() {}

    static float[] speech(long seed) {
        return speech(seed, true);
    }

    static float[] speech(long seed, boolean pauses) {
        Random random = new Random(seed);
        float[][] clips = new float[Recordings.LONG_CLIPS.size() + Recordings.SHORT_CLIPS.size()][];
        for (int i = 0; i < clips.length; i++) {
            clips[i] = Recordings.clip(
                    i < Recordings.LONG_CLIPS.size()
                            ? Recordings.LONG_CLIPS.get(i)
                            : Recordings.SHORT_CLIPS.get(i - Recordings.LONG_CLIPS.size()));
        }
        float[] x = new float[SAMPLES];
        int at = 0;
        for (int c = 0; at < SAMPLES; c = (c + 1) % clips.length) {
            float gain = (float) Math.pow(10, (random.nextDouble() * 9 - 6) / 20);
            float[] clip = clips[c];
            for (int i = 0; i < clip.length && at < SAMPLES; i++) {
                x[at++] = clip[i] * gain;
            }
            double pause = 0.2 + random.nextDouble();
            at += pauses ? (int) (pause * Recordings.RATE) : 0;
        }
        // Paul Kellet's filter, as in Recordings.pink, added in place: a second 38 MB array would raise the
        // heap this recording needs above what analysing it needs.
        Random white = new Random(seed + 1);
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double w = white.nextGaussian();
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            x[i] += (float) (0.0005 * (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362));
            b6 = w * 0.115926;
        }
        return x;
    }
}
