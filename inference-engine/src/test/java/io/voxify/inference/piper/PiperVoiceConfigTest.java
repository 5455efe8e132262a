package io.voxify.inference.piper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiperVoiceConfigTest {

    @Test
    void parsesTheStandinConfig(@TempDir Path dir) throws Exception {
        Path model = PiperTestFiles.standin(dir);
        PiperVoiceConfig c = PiperVoiceConfig.load(model.resolveSibling("standin.onnx.json"));

        assertThat(c.sampleRate()).isEqualTo(22050);
        assertThat(c.espeakVoice()).contains("en-us");
        assertThat(c.noiseScale()).isEqualTo(0.667);
        assertThat(c.lengthScale()).isEqualTo(1.0);
        assertThat(c.noiseW()).isEqualTo(0.8);
        assertThat(c.numSpeakers()).isEqualTo(2);
        assertThat(c.speakerIdMap()).isEqualTo(Map.of("alpha", 0, "beta", 1));
        assertThat(c.languageCode()).contains("en_US");
        assertThat(c.phonemeIdMap())
                .containsEntry("_", List.of(0L))
                .containsEntry("ə", List.of(38L))
                .containsEntry("ᵻ", List.of(51L))
                .hasSize(52);
    }

    @Test
    void appliesPiperDefaultsAndHandlesEscapes() {
        PiperVoiceConfig c = PiperVoiceConfig.parse("""
                {"audio": {"sample_rate": 16000, "quality": null},
                 "phoneme_id_map": {"_": [0], "^": [1], "$": [2], "\\u0259": [3], "\\"": [4]},
                 "inference": {"length_scale": 1.5e0}}""", "inline");
        assertThat(c.noiseScale()).isEqualTo(PiperVoiceConfig.DEFAULT_NOISE_SCALE);
        assertThat(c.lengthScale()).isEqualTo(1.5);
        assertThat(c.noiseW()).isEqualTo(PiperVoiceConfig.DEFAULT_NOISE_W);
        assertThat(c.numSpeakers()).isEqualTo(1);
        assertThat(c.speakerIdMap()).isEmpty();
        assertThat(c.espeakVoice()).isEmpty();
        assertThat(c.languageCode()).isEmpty();
        assertThat(c.phonemeIdMap()).containsEntry("ə", List.of(3L)).containsEntry("\"", List.of(4L));
    }

    @Test
    void rejectsBrokenConfigs() {
        String ids = "\"phoneme_id_map\": {\"_\": [0], \"^\": [1], \"$\": [2]}";
        assertThatThrownBy(() -> PiperVoiceConfig.parse("{" + ids + "}", "x"))
                .hasMessageContaining("missing \"audio\"");
        assertThatThrownBy(() -> PiperVoiceConfig.parse(
                        "{\"audio\": {\"sample_rate\": 22050}," + " \"phoneme_id_map\": {\"_\": [0], \"^\": [1]}}",
                        "x"))
                .hasMessageContaining("no \"$\"");
        assertThatThrownBy(() -> PiperVoiceConfig.parse(
                        "{\"audio\": {\"sample_rate\": 22050}, " + ids.replace("\"$\": [2]", "\"$\": [2], \"ab\": [3]")
                                + "}",
                        "x"))
                .hasMessageContaining("single code point");
        assertThatThrownBy(() -> PiperVoiceConfig.parse("{\"audio\": {\"sample_rate\": 22050.5}, " + ids + "}", "x"))
                .hasMessageContaining("sample_rate");
        assertThatThrownBy(() -> PiperVoiceConfig.parse(
                        "{\"audio\": {\"sample_rate\": 22050}, " + ids
                                + ", \"num_speakers\": 2, \"speaker_id_map\": {\"a\": 2}}",
                        "x"))
                .hasMessageContaining("\"a\"");
        assertThatThrownBy(() -> PiperVoiceConfig.parse("{\"audio\": {\"sample_rate\": 22050}, " + ids + "} x", "x"))
                .hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> PiperVoiceConfig.parse("{\"a\": 1, \"a\": 2}", "x"))
                .hasMessageContaining("duplicate");
    }

    @Test
    void missingFileIsAnIoError(@TempDir Path dir) {
        assertThatThrownBy(() -> PiperVoiceConfig.load(dir.resolve("none.onnx.json")))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }
}
