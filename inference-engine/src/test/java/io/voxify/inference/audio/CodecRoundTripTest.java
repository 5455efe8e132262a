package io.voxify.inference.audio;

import static io.voxify.inference.Acoustics.bestCorrelation;
import static io.voxify.inference.Acoustics.voiced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecRoundTripTest {

    private static float[] quantised(float[] x) {
        float[] q = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            q[i] = Pcm.toShort(x[i]) / 32768f;
        }
        return q;
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 22050, 24000, 44100, 48000})
    void wavIsExact(int rate) {
        float[] x = voiced(150, rate, 0.5);
        DecodedAudio decoded = AudioDecoder.decode(WavWriter.write(x, rate));
        assertThat(decoded.format()).isEqualTo("wav");
        assertThat(decoded.sampleRate()).isEqualTo(rate);
        assertThat(decoded.channels()).hasNumberOfRows(1);
        assertThat(decoded.mono()).containsExactly(quantised(x));
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 22050, 24000, 44100, 48000})
    void flacIsBitExact(int rate) {
        float[] x = voiced(150, rate, 0.7);
        byte[] flac = FlacEncoder.encode(x, rate);
        assertThat(flac.length).isLessThan(x.length * 2);
        DecodedAudio decoded = AudioDecoder.decode(flac);
        assertThat(decoded.format()).isEqualTo("flac");
        assertThat(decoded.sampleRate()).isEqualTo(rate);
        assertThat(decoded.mono()).containsExactly(quantised(x));
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 22050, 24000, 44100, 48000})
    void mp3KeepsRateDurationAndWaveform(int rate) {
        float[] x = voiced(150, rate, 1.0);
        byte[] mp3 = Mp3Encoder.encode(x, rate);
        assertThat(mp3.length).isLessThan(x.length);
        DecodedAudio decoded = AudioDecoder.decode(mp3);
        assertThat(decoded.format()).isEqualTo("mp3");
        assertThat(decoded.sampleRate()).isEqualTo(rate);
        // The LAME tag's delay and padding let the decoder cut exactly what the encoder added.
        assertThat(decoded.frameCount()).isEqualTo(x.length);
        double[] match = bestCorrelation(x, decoded.mono(), rate / 50);
        assertThat(match[0]).isGreaterThan(0.95);
        assertThat(match[1]).isZero();
    }

    @Test
    void mp3TagAnnouncesDelayAndPadding() {
        byte[] mp3 = Mp3Encoder.encode(voiced(150, 16000, 0.5), 16000);
        // MPEG-2 mono: 4-byte header and 9 bytes of side information precede the tag.
        assertThat(new String(mp3, 13, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("Info");
        int lame = 13 + 8 + 4 + 4 + 100 + 4;
        assertThat(new String(mp3, lame, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("LAME");
        int delay = ((mp3[lame + 21] & 0xff) << 4) | ((mp3[lame + 22] & 0xff) >> 4);
        assertThat(delay).isEqualTo(Mp3Encoder.ENCODER_DELAY);
    }

    @Test
    void contentTypesMatchFormats() {
        assertThat(AudioEncoder.contentType("wav")).isEqualTo("audio/wav");
        assertThat(AudioEncoder.contentType("mp3")).isEqualTo("audio/mpeg");
        assertThat(AudioEncoder.contentType("flac")).isEqualTo("audio/flac");
    }

    @Test
    void limiterBendsLoudPeaksInsteadOfClipping() {
        float[] x = voiced(150, 16000, 0.5);
        float[] loud = x.clone();
        Dynamics.applyGain(loud, 8.0);
        assertThat(Dynamics.peak(loud)).isLessThan(1.0f);
        float[] quiet = x.clone();
        Dynamics.applyGain(quiet, 0.5);
        for (int i = 0; i < x.length; i++) {
            assertThat(quiet[i]).isEqualTo(x[i] * 0.5f, within(1e-6f));
        }
    }
}
