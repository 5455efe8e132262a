package io.voxify.inference.analysis;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test material with a known truth: the LibriVox clips of Debian's pocketsphinx test data (one male reader,
 * 16 kHz mono) and their transcripts, and synthetic voices, noises and mixtures built here.
 */
final class Recordings {

    static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");
    static final int RATE = 16_000;
    /** The clips with at least 3 s of speech; 0880 and 0930 hold less. */
    static final List<String> LONG_CLIPS = List.of(
            "sense_and_sensibility_01_austen_64kb-0870",
            "sense_and_sensibility_01_austen_64kb-0890",
            "sense_and_sensibility_01_austen_64kb-0920");

    static final List<String> SHORT_CLIPS =
            List.of("sense_and_sensibility_01_austen_64kb-0880", "sense_and_sensibility_01_austen_64kb-0930");

    private static final Pattern TRANSCRIPT_LINE = Pattern.compile("<s>(.*)</s>\\s*\\((\\S+)\\)");
    private static final Pattern VOWEL_GROUP = Pattern.compile("[aeiouy]+");

    private Recordings() {}

    static float[] clip(String name) {
        Path file = librivox().resolve(name + ".wav");
        try {
            DecodedAudio audio = AudioDecoder.decode(Files.readAllBytes(file));
            if (audio.sampleRate() != RATE || audio.channels().length != 1) {
                throw new AssertionError(file + " is not 16 kHz mono");
            }
            return audio.mono().clone();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String transcript(String name) {
        try {
            for (String line : Files.readAllLines(librivox().resolve("transcription"))) {
                Matcher m = TRANSCRIPT_LINE.matcher(line);
                if (m.find() && m.group(2).equals(name)) {
                    return m.group(1).trim();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no transcript for " + name);
    }

    /** Vowel groups per word, a silent final e dropped, at least one per word. */
    static int syllables(String text) {
        int total = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
            if (word.isEmpty()) {
                continue;
            }
            Matcher m = VOWEL_GROUP.matcher(word);
            int groups = 0;
            while (m.find()) {
                groups++;
            }
            if (groups > 1 && word.endsWith("e") && !word.endsWith("le") && !word.endsWith("ee")) {
                groups--;
            }
            total += Math.max(1, groups);
        }
        return total;
    }

    private static Path librivox() {
        if (!Files.isDirectory(LIBRIVOX)) {
            throw new AssertionError(LIBRIVOX + " is missing: run scripts/ensure-packages.sh test "
                    + "(installs Debian's pocketsphinx-testdata)");
        }
        return LIBRIVOX;
    }

    static DecodedAudio mono(float[] x, int rate) {
        return new DecodedAudio(new float[][] {x}, rate, "wav");
    }

    static float[] concat(float[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static float[] scaled(float[] x, double gain) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * gain);
        }
        return y;
    }

    static float[] hardClipped(float[] x, double gain) {
        float[] y = scaled(x, gain);
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(-1f, Math.min(1f, y[i]));
        }
        return y;
    }

    static double power(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return sum / x.length;
    }

    static double rmsDbfs(float[] x) {
        return 10 * Math.log10(power(x));
    }

    /** Speech plus noise scaled so that whole-signal power of speech over noise is {@code snrDb}. */
    static float[] mixed(float[] speech, float[] noise, double snrDb) {
        double gain = Math.sqrt(power(speech) / (power(noise) * Math.pow(10, snrDb / 10)));
        float[] y = new float[speech.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (speech[i] + gain * noise[i]);
        }
        return y;
    }

    static float[] white(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /** Paul Kellet's refined filter: white noise shaped to −3 dB per octave within 0.05 dB above 10 Hz. */
    static float[] pink(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < n; i++) {
            double w = random.nextGaussian();
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            x[i] = (float) (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362);
            b6 = w * 0.115926;
        }
        return x;
    }

    /**
     * A vowel-like harmonic complex: harmonics of {@code f0} up to 4 kHz falling 6 dB per octave, its F0
     * swinging by ±{@code vibrato} (a fraction) five times a second, between half a second of silence either
     * side, at {@code rate}.
     */
    static float[] voicedTone(double f0, double vibrato, double seconds, int rate) {
        int pad = rate / 2;
        int n = (int) (seconds * rate);
        float[] x = new float[n + 2 * pad];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double hz = f0 * (1 + vibrato * Math.sin(2 * Math.PI * 5 * t));
            phase += 2 * Math.PI * hz / rate;
            double v = 0;
            for (int k = 1; k * f0 * (1 + vibrato) < 4000; k++) {
                v += Math.sin(k * phase) / k;
            }
            double fade = Math.min(1, Math.min(i, n - 1 - i) / (0.02 * rate));
            x[pad + i] = (float) (0.2 * fade * v);
        }
        return x;
    }
}
