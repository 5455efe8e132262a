package io.voxify.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.inference.audio.Pcm;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pieces an {@link AudioListener} hears are the result's samples, sentence by sentence, as they are made. */
class AudioListenerTest {
    private static SpeechSynthesizer synth;

    @BeforeAll
    static void load() {
        synth = new SpeechSynthesizer();
    }

    @AfterAll
    static void close() {
        synth.close();
    }

    private static byte[] heard(String text, String format, String textFormat, List<String> events) {
        SynthesisRequest request = new SynthesisRequest(
                text, "flite:slt", 1.2, 1.1, 1.5, "neutral", format, 22050, false, "word", textFormat);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        SynthesisResult result =
                synth.synthesize(request, (percent, message) -> events.add("progress " + message), (samples, rate) -> {
                    assertThat(rate).isEqualTo(22050);
                    events.add("audio " + samples.length);
                    pieces.writeBytes(Pcm.toLittleEndian16(samples));
                });
        byte[] wav = result.audio();
        assertThat(pieces.toByteArray()).isEqualTo(Arrays.copyOfRange(wav, 44, wav.length));
        return pieces.toByteArray();
    }

    @Test
    void eachSentenceArrivesBeforeTheNextIsSynthesisedAndTheWholeIsTheFile() {
        List<String> events = new ArrayList<>();
        heard("The first sentence is here. A second one follows it. And a third ends the text.", "wav", null, events);
        int firstAudio = events.indexOf(
                events.stream().filter(e -> e.startsWith("audio")).findFirst().orElseThrow());
        int secondSentence = events.indexOf("progress Synthesised sentence 2 of 3");
        assertThat(firstAudio)
                .as("the first sentence is heard before the second is done")
                .isLessThan(secondSentence);
        // Speech, pause, speech, pause, speech.
        assertThat(events.stream().filter(e -> e.startsWith("audio"))).hasSize(5);
    }

    @Test
    void ssmlBreaksAndVolumeChangesArriveInOrder() {
        List<String> events = new ArrayList<>();
        heard(
                "<speak>Loud start.<break time=\"300ms\"/><prosody volume=\"x-soft\">Then quiet.</prosody></speak>",
                "wav",
                SynthesisRequest.SSML,
                events);
        assertThat(events.stream().filter(e -> e.startsWith("audio")).count()).isGreaterThanOrEqualTo(3);
    }
}
