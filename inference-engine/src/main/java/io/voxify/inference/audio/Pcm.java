package io.voxify.inference.audio;

/** Conversions between float samples in [-1, 1] and 16-bit integers. */
public final class Pcm {

    private Pcm() {}

    public static short toShort(float v) {
        long s = Math.round(v * 32767.0);
        return (short) Math.max(-32768, Math.min(32767, s));
    }

    public static float[] fromShorts(short[] s, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = s[i] / 32768f;
        }
        return out;
    }

    /** Little-endian 16-bit bytes. */
    public static byte[] toLittleEndian16(float[] x) {
        byte[] out = new byte[x.length * 2];
        for (int i = 0; i < x.length; i++) {
            short s = toShort(x[i]);
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }
}
