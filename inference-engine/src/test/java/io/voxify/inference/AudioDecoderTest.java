package io.voxify.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class AudioDecoderTest {

    private static final double[] VALUES = {0, 0.5, -0.5, 0.25, -1};

    /** A WAV with the given fmt fields; samples written by the caller's writer. */
    private static byte[] wav(int formatTag, int channels, int rate, int bits, boolean extensible, ByteBuffer data) {
        int fmtSize = extensible ? 40 : 16;
        int dataLength = data.position();
        ByteBuffer b =
                ByteBuffer.allocate(12 + 8 + fmtSize + 8 + dataLength + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        // An unknown chunk before fmt must be skipped.
        b.put("LIST".getBytes()).putInt(4).put("INFO".getBytes());
        b.put("fmt ".getBytes())
                .putInt(fmtSize)
                .putShort((short) (extensible ? 0xFFFE : formatTag))
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits);
        if (extensible) {
            b.putShort((short) 22)
                    .putShort((short) bits)
                    .putInt(0)
                    .putShort((short) formatTag)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        b.put("data".getBytes()).putInt(dataLength).put(data.array(), 0, dataLength);
        return b.array();
    }

    private static ByteBuffer samples(int bits, boolean floating) {
        ByteBuffer d = ByteBuffer.allocate(VALUES.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : VALUES) {
            if (floating && bits == 32) {
                d.putFloat((float) v);
            } else if (floating) {
                d.putDouble(v);
            } else if (bits == 8) {
                d.put((byte) (Math.round(v * 128) + 128 > 255 ? 255 : Math.round(v * 128) + 128));
            } else if (bits == 16) {
                d.putShort((short) Math.max(-32768, Math.round(v * 32768)));
            } else if (bits == 24) {
                int s = (int) Math.max(-8388608, Math.round(v * 8388608));
                d.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
            } else {
                d.putInt((int) Math.max(Integer.MIN_VALUE, Math.round(v * 2147483648.0)));
            }
        }
        return d;
    }

    @Test
    void decodesEveryPcmAndFloatWavVariant() {
        int[][] variants = {{1, 8}, {1, 16}, {1, 24}, {1, 32}, {3, 32}, {3, 64}};
        for (int[] v : variants) {
            for (boolean extensible : new boolean[] {false, true}) {
                byte[] bytes = wav(v[0], 1, 16000, v[1], extensible, samples(v[1], v[0] == 3));
                DecodedAudio d = AudioDecoder.decode(bytes);
                assertThat(d.sampleRate()).isEqualTo(16000);
                assertThat(d.mono()).hasSize(VALUES.length);
                for (int i = 0; i < VALUES.length; i++) {
                    assertThat((double) d.mono()[i])
                            .as("format %d, %d bits", v[0], v[1])
                            .isCloseTo(VALUES[i], within(v[1] == 8 ? 0.01 : 1e-4));
                }
            }
        }
    }

    @Test
    void keepsChannelsApartAndMixesThemForMono() {
        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) 16384)
                .putShort((short) -16384)
                .putShort((short) 8192)
                .putShort((short) 0);
        DecodedAudio audio = AudioDecoder.decode(wav(1, 2, 44100, 16, false, d));
        assertThat(audio.channels()).hasNumberOfRows(2);
        assertThat(audio.channels()[0]).containsExactly(0.5f, 0.25f);
        assertThat(audio.channels()[1]).containsExactly(-0.5f, 0f);
        assertThat(audio.mono()).containsExactly(0f, 0.125f);
        assertThat(audio.durationSeconds()).isCloseTo(2 / 44100.0, within(1e-9));
    }

    @Test
    void recognisesContentNotNames() {
        assertThatThrownBy(() -> AudioDecoder.decode("this is plain text, not audio".getBytes()))
                .isInstanceOf(SynthesisException.class)
                .extracting(e -> ((SynthesisException) e).code())
                .isEqualTo(SynthesisException.UNSUPPORTED_AUDIO);
        assertThatThrownBy(() -> AudioDecoder.decode(new byte[3])).isInstanceOf(SynthesisException.class);
    }

    @Test
    void refusesWavEncodingsItCannotRead() {
        byte[] alaw = wav(6, 1, 8000, 8, false, samples(8, false));
        assertThatThrownBy(() -> AudioDecoder.decode(alaw))
                .isInstanceOf(SynthesisException.class)
                .hasMessageContaining("format 6");
    }
}
