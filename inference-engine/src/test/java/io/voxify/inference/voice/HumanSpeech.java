package io.voxify.inference.voice;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import io.voxify.inference.audio.PitchShifter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The LibriVox clips of Debian's pocketsphinx test data: one male reader, 16 kHz mono. */
final class HumanSpeech {

    static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");
    static final String CLIP_A = "sense_and_sensibility_01_austen_64kb-0870.wav";
    static final String CLIP_B = "sense_and_sensibility_01_austen_64kb-0920.wav";
    static final String CLIP_C = "sense_and_sensibility_01_austen_64kb-0890.wav";
    /** The "second speaker": the reader shifted up by this factor, formants kept. */
    static final double SHIFT = 1.4;

    private HumanSpeech() {}

    static float[] clip(String name) {
        Path file = LIBRIVOX.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " is missing: run scripts/ensure-packages.sh test (pocketsphinx-testdata)");
        }
        try {
            DecodedAudio audio = AudioDecoder.decode(Files.readAllBytes(file));
            if (audio.sampleRate() != SpeakerEncoder.SAMPLE_RATE) {
                throw new AssertionError(file + " is at " + audio.sampleRate() + " Hz, expected 16 kHz");
            }
            return audio.mono();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the reader says in a clip, from the test data's {@code transcription} file ({@code <s> … </s> (id)}). */
    static String transcript(String name) {
        String id = name.replace(".wav", "");
        try {
            return Files.readAllLines(LIBRIVOX.resolve("transcription")).stream()
                    .filter(line -> line.endsWith("(" + id + ")"))
                    .map(line -> line.substring(line.indexOf("<s>") + 3, line.indexOf("</s>"))
                            .strip())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no transcript for " + id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] shifted(String name) {
        return PitchShifter.shift(clip(name), SpeakerEncoder.SAMPLE_RATE, SHIFT, 1.0);
    }
}
