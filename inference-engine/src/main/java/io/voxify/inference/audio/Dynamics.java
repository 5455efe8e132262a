package io.voxify.inference.audio;

/** Gain and a soft limiter, so that loud requests bend rather than clip or wrap in 16-bit output. */
public final class Dynamics {

    /** Level where limiting starts, about -1.9 dBFS. */
    static final float KNEE = 0.8f;
    /** Highest output level, kept below full scale so that rounding to 16 bits cannot wrap. */
    static final float CEILING = 0.98f;

    private Dynamics() {}

    /** Multiplies by {@code gain}, then folds anything above the knee smoothly into the headroom below the ceiling. */
    public static void applyGain(float[] x, double gain) {
        float headroom = CEILING - KNEE;
        for (int i = 0; i < x.length; i++) {
            float v = (float) (x[i] * gain);
            float a = Math.abs(v);
            if (a > KNEE) {
                float limited = KNEE + headroom * (float) Math.tanh((a - KNEE) / headroom);
                v = Math.copySign(limited, v);
            }
            x[i] = v;
        }
    }

    public static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return x.length == 0 ? 0 : Math.sqrt(sum / x.length);
    }

    public static float peak(float[] x) {
        float p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
