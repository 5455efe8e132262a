package io.voxify.inference.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.inference.VoiceInfo;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue of the Piper models in a directory, on a machine without the native engines. */
class VoiceCatalogueTest {

    private static void installStandIn(Path models) throws Exception {
        for (String file : List.of("standin.onnx", "standin.onnx.json")) {
            try (InputStream in = VoiceCatalogueTest.class.getResourceAsStream("/piper/" + file)) {
                Files.copy(in, models.resolve(file));
            }
        }
    }

    @Test
    void eachNamedSpeakerOfAModelIsAVoiceButNoneSpeaksWithoutEspeakToPhonemiseIt(@TempDir Path models)
            throws Exception {
        installStandIn(models);
        try (VoiceCatalogue catalogue = new VoiceCatalogue(null, null, models)) {
            assertThat(catalogue.voices())
                    .extracting(VoiceInfo::voiceId)
                    .containsExactlyInAnyOrder("piper:standin-alpha", "piper:standin-beta");
            assertThat(catalogue.voices()).allMatch(v -> v.engine().equals("piper"));
            assertThat(catalogue.supports("piper:standin-alpha")).isFalse();
            assertThat(catalogue.resolve("flite:slt")).isNull();
            assertThat(catalogue.resolve("espeak:en-us")).isNull();
            assertThat(catalogue.resolve(null)).isNull();
        }
    }

    @Test
    void aRescanDropsModelsThatLeftTheDirectoryAndAddsNewOnes(@TempDir Path models) throws Exception {
        try (VoiceCatalogue catalogue = new VoiceCatalogue(null, null, models)) {
            assertThat(catalogue.voices()).isEmpty();

            installStandIn(models);
            assertThat(catalogue.rescanNeuralVoices()).hasSize(2);
            assertThat(catalogue.voices()).hasSize(2);

            Files.delete(models.resolve("standin.onnx"));
            Files.delete(models.resolve("standin.onnx.json"));
            assertThat(catalogue.rescanNeuralVoices()).isEmpty();
            assertThat(catalogue.voices()).isEmpty();
        }
    }
}
