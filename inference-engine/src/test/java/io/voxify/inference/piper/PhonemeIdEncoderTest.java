package io.voxify.inference.piper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected ids worked out by hand from the stand-in's map: _ 0, ^ 1, $ 2, ˈ 4, h 16, l 20, o 23, ə 38, ʊ 47. */
class PhonemeIdEncoderTest {

    private static final PiperVoiceConfig CONFIG = PiperVoiceConfig.parse(
            new String(PiperTestFiles.resource("standin.onnx.json"), StandardCharsets.UTF_8), "standin");
    private final PhonemeIdEncoder encoder = new PhonemeIdEncoder(CONFIG);

    @Test
    void framesWithBosPadAfterEachPhonemeAndEos() {
        // As piper-phonemize: BOS, a pad after it, each phoneme followed by a pad, EOS.
        PhonemeIdEncoder.Encoding e = encoder.encode("həlˈoʊ");
        assertThat(e.ids()).containsExactly(1, 0, 16, 0, 38, 0, 20, 0, 4, 0, 23, 0, 47, 0, 2);
        assertThat(e.missingPhonemes()).isEmpty();
    }

    @Test
    void emptyInputIsJustTheFrame() {
        assertThat(encoder.encode("").ids()).containsExactly(1, 0, 2);
    }

    @Test
    void unknownPhonemesAreSkippedAndCounted() {
        // 'x' and '(' are not in the stand-in's map; 'ʁ' neither.
        PhonemeIdEncoder.Encoding e = encoder.encode("x(hʁx");
        assertThat(e.ids()).containsExactly(1, 0, 16, 0, 2);
        assertThat(e.missingPhonemes()).isEqualTo(Map.of("x", 2, "(", 1, "ʁ", 1));
        assertThat(e.missingCount()).isEqualTo(4);
    }

    @Test
    void worksOnCodePointsNotChars() {
        // A supplementary code point (𝕒, two UTF-16 chars) is one unknown phoneme, and a
        // combining mark (U+0303) is a phoneme of its own, unknown here.
        PhonemeIdEncoder.Encoding e = encoder.encode("a\uD835\uDD52a\u0303");
        assertThat(e.ids()).containsExactly(1, 0, 11, 0, 11, 0, 2);
        assertThat(e.missingPhonemes()).isEqualTo(Map.of("\uD835\uDD52", 1, "\u0303", 1));
    }

    @Test
    void multiIdPhonemesInsertAllTheirIds() {
        PiperVoiceConfig config = PiperVoiceConfig.parse("""
                {"audio": {"sample_rate": 16000},
                 "phoneme_id_map": {"_": [0], "^": [1], "$": [2], "a": [5, 6]}}""", "inline");
        assertThat(new PhonemeIdEncoder(config).encode("aa").ids()).containsExactly(1, 0, 5, 6, 0, 5, 6, 0, 2);
    }
}
