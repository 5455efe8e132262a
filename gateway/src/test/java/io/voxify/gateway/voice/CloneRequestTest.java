package io.voxify.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.clone.CloneFitQuality;
import io.voxify.events.clone.CloneGenerationSettings;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.web.RequestFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A clone's body, read by {@link CloneRequest}, gives every body the answer the controller gave when it read the
 * body itself: the same samples, name, description, language and generation parameters, or the same refusal with
 * its code, message and details in order. The controller's reading is kept below as the measure.
 */
class CloneRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("\"smp_" + i + "\"");
        }
        return "[" + String.join(",", ids) + "]";
    }

    private static final List<String> BODIES = List.of(
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"Mine\"}",
            "{\"sample_ids\":[\" smp_1 \",\"smp_2\",\"smp_1\"],\"name\":\"  Mine  \",\"description\":\"d\","
                    + "\"language\":\" de-DE \"}",
            "{\"sample_ids\":" + ids(20) + ",\"name\":\"Twenty\"}",
            "{\"sample_ids\":" + ids(21) + ",\"name\":\"Too many\"}",
            "{}",
            "{\"name\":\"No samples\"}",
            "{\"sample_ids\":null,\"name\":null}",
            "{\"sample_ids\":[],\"name\":\"Empty\"}",
            "{\"sample_ids\":\"smp_1\",\"name\":\"Not a list\"}",
            "{\"sample_ids\":[\"smp_1\",7,\"\",\"  \",null,\"" + "s".repeat(65) + "\"],\"name\":\"Bad ids\"}",
            "{\"sample_ids\":[\"" + "s".repeat(64) + "\"],\"name\":\"Longest id\"}",
            "{\"sample_ids\":[\"smp_1\"]}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"   \"}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":42}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"" + "n".repeat(201) + "\"}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"" + "n".repeat(200) + "\"}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"description\":\"" + "d".repeat(2001) + "\"}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"description\":false,\"language\":[]}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"language\":\"" + "l".repeat(36) + "\"}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"description\":null,\"language\":null}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"voice\":\"x\"}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"quality\":\"best\",\"base_voice_id\":\"preset_x\"}",
            "{\"unknown\":1,\"sample_ids\":[\"smp_1\"],\"name\":\"N\"}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":{\"base_voice_id\":\" preset_en_us_amy \","
                    + "\"quality\":\"BEST\"}}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":{\"quality\":\"fast\"}}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":{}}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":null}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":[]}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":\"best\"}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":{\"base_voice_id\":\"  \"}}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":{\"base_voice_id\":5,\"quality\":\"perfect\"}}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":{\"base_voice_id\":\"" + "b".repeat(65) + "\"}}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":{\"epochs\":3,\"quality\":\"fast\"}}",
            "{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"config\":{\"quality\":null,\"base_voice_id\":null}}",
            "{\"config\":{\"speed\":2,\"quality\":1},\"sample_ids\":[1],\"name\":1,\"description\":1,"
                    + "\"language\":1,\"extra\":1}",
            "[]",
            "[{\"sample_ids\":[\"smp_1\"],\"name\":\"N\"}]",
            "\"body\"",
            "0",
            "null");

    @Test
    void aClonesBodyIsReadAsTheControllerReadIt() throws Exception {
        int accepted = 0;
        for (String body : BODIES) {
            JsonNode tree = JSON.readTree(body);
            Answer expected = Answer.of(() -> ControllerReading.parse(tree));
            Answer typed = Answer.of(() -> CloneRequest.parse(tree));
            assertThat(typed).as(body).isEqualTo(expected);
            accepted += typed.request() != null ? 1 : 0;
        }
        assertThat(Answer.of(() -> CloneRequest.parse(null))).isEqualTo(Answer.of(() -> ControllerReading.parse(null)));
        assertThat(accepted).as("bodies accepted").isBetween(8, BODIES.size());
    }

    @Test
    void aMisplacedGenerationParameterIsToldWhereItBelongs() throws Exception {
        Answer refused = Answer.of(
                () -> CloneRequest.parse(json("{\"sample_ids\":[\"smp_1\"],\"name\":\"N\",\"quality\":\"best\"}")));
        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(refused.details())
                .isEqualTo(
                        "{\"quality\":\"is not a known field: generation parameters go in config (config.quality)\"}");
    }

    @Test
    void theDefaultsAreABalancedFitFromTheNearestVoiceInTheFirstSamplesLanguage() throws Exception {
        CloneRequest request = CloneRequest.parse(json("{\"sample_ids\":[\"smp_1\"],\"name\":\" N \"}"));
        assertThat(request)
                .isEqualTo(new CloneRequest(List.of("smp_1"), "N", null, null, CloneGenerationSettings.DEFAULT));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A request, or a refusal as the envelope shows it: its code, message and details as JSON (order kept). */
    private record Answer(CloneRequest request, ErrorCode code, String message, String details) {
        static Answer of(Supplier<CloneRequest> reading) throws Exception {
            try {
                return new Answer(reading.get(), null, null, null);
            } catch (DomainException refused) {
                return new Answer(
                        null, refused.code(), refused.getMessage(), JSON.writeValueAsString(refused.details()));
            }
        }
    }

    /** {@code CloneController.create} as it read its body, the arguments it gave the service as a request. */
    private static final class ControllerReading {
        static final List<String> FIELDS = List.of("sample_ids", "name", "description", "language", "config");
        static final List<String> CONFIG_FIELDS = List.of("base_voice_id", "quality");

        static CloneRequest parse(JsonNode body) {
            RequestFields f = RequestFields.of(body);
            body.fieldNames().forEachRemaining(field -> {
                if (!FIELDS.contains(field)) {
                    f.error(
                            field,
                            CONFIG_FIELDS.contains(field)
                                    ? "is not a known field: generation parameters go in config (config." + field + ")"
                                    : "is not a known field (known: " + String.join(", ", FIELDS) + ")");
                }
            });
            List<String> sampleIds = new ArrayList<>();
            if (!f.has("sample_ids")) {
                f.error("sample_ids", "is required: a list of processed sample ids");
            } else if (!f.node("sample_ids").isArray() || f.node("sample_ids").isEmpty()) {
                f.error("sample_ids", "must be a non-empty list of sample ids");
            } else {
                for (JsonNode id : f.node("sample_ids")) {
                    if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > 64) {
                        f.error("sample_ids", "must contain only sample id strings");
                    } else {
                        sampleIds.add(id.asText().trim());
                    }
                }
                if (sampleIds.size() > 20) {
                    f.error("sample_ids", "at most " + 20 + " samples");
                }
            }
            String name = f.text("name", 200);
            if (name == null || name.isBlank()) {
                f.error("name", "is required");
            }
            String description = f.text("description", 2000);
            String language = f.text("language", 35);
            CloneGenerationSettings settings = settings(f);
            f.validate(ErrorCode.VALIDATION_ERROR);
            return new CloneRequest(
                    sampleIds, name.trim(), description, language == null ? null : language.trim(), settings);
        }

        private static CloneGenerationSettings settings(RequestFields f) {
            if (!f.has("config")) {
                return CloneGenerationSettings.DEFAULT;
            }
            if (!f.node("config").isObject()) {
                f.error(
                        "config",
                        "must be an object of generation parameters (" + String.join(", ", CONFIG_FIELDS) + ")");
                return CloneGenerationSettings.DEFAULT;
            }
            JsonNode config = f.node("config");
            config.fieldNames().forEachRemaining(field -> {
                if (!CONFIG_FIELDS.contains(field)) {
                    f.error(
                            "config." + field,
                            "is not a known generation parameter (known: " + String.join(", ", CONFIG_FIELDS) + ")");
                }
            });
            RequestFields c = RequestFields.of(config);
            String base = c.text("base_voice_id", 64);
            if (base != null && base.isBlank()) {
                c.error("base_voice_id", "must be a voice id, or left out to let the fit choose");
            }
            String quality = c.oneOf("quality", CloneFitQuality.wireNames());
            try {
                c.validate(ErrorCode.VALIDATION_ERROR);
            } catch (DomainException invalid) {
                if (invalid.details() instanceof Map<?, ?> details) {
                    details.forEach((k, v) -> f.error("config." + k, String.valueOf(v)));
                }
                return CloneGenerationSettings.DEFAULT;
            }
            return new CloneGenerationSettings(
                    base == null ? null : base.trim(),
                    quality == null ? CloneFitQuality.BALANCED : CloneFitQuality.valueOf(quality.toUpperCase()));
        }
    }
}
