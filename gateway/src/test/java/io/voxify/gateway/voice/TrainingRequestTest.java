package io.voxify.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.training.TrainingSettings;
import io.voxify.gateway.web.RequestFields;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A training's body, read by {@link TrainingRequest}, gives every body the answer the controller gave when it read
 * the body itself: the same clone, name, description and settings (a learning rate a double as sent), or the same
 * refusal with its code, message and details in order, {@code config}'s named {@code config.<field>}. The
 * controller's reading is kept below as the measure.
 */
class TrainingRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> BODIES = List.of(
            "{}",
            "{\"clone_id\":\"vc_1\",\"name\":\"  Trained  \",\"description\":\"d\"}",
            "{\"name\":\"   \"}",
            "{\"clone_id\":null,\"name\":null,\"description\":null,\"config\":null}",
            "{\"clone_id\":5,\"name\":[],\"description\":{}}",
            "{\"clone_id\":\"" + "c".repeat(65) + "\"}",
            "{\"clone_id\":\"" + "c".repeat(64) + "\",\"name\":\"" + "n".repeat(200) + "\"}",
            "{\"name\":\"" + "n".repeat(201) + "\",\"description\":\"" + "d".repeat(2001) + "\"}",
            "{\"sample_id\":\"smp_1\",\"epochs\":5}",
            "{\"config\":{\"epochs\":1,\"learning_rate\":0.00001,\"batch_size\":1,"
                    + "\"enable_timestamp_alignment\":true}}",
            "{\"config\":{\"epochs\":1000,\"learning_rate\":1,\"batch_size\":512}}",
            "{\"config\":{\"epochs\":10.0,\"learning_rate\":1.0}}",
            "{\"config\":{\"learning_rate\":0.0025}}",
            "{\"config\":{\"learning_rate\":1e-5}}",
            "{\"config\":{\"learning_rate\":0.000009}}",
            "{\"config\":{\"learning_rate\":1.0000001}}",
            "{\"config\":{\"learning_rate\":\"0.01\"}}",
            "{\"config\":{\"learning_rate\":null,\"epochs\":null,\"batch_size\":null,"
                    + "\"enable_timestamp_alignment\":null}}",
            "{\"config\":{\"epochs\":0}}",
            "{\"config\":{\"epochs\":1001}}",
            "{\"config\":{\"epochs\":2.5}}",
            "{\"config\":{\"epochs\":\"10\"}}",
            "{\"config\":{\"epochs\":99999999999999999999}}",
            "{\"config\":{\"batch_size\":0}}",
            "{\"config\":{\"batch_size\":513,\"enable_timestamp_alignment\":\"yes\"}}",
            "{\"config\":{\"enable_timestamp_alignment\":1}}",
            "{\"config\":{\"enable_timestamp_alignment\":false}}",
            "{\"config\":{\"speed\":2,\"epochs\":5}}",
            "{\"config\":{}}",
            "{\"config\":[]}",
            "{\"config\":\"fast\"}",
            "{\"config\":7}",
            "{\"config\":{\"epochs\":-1,\"learning_rate\":-1,\"batch_size\":-1,\"enable_timestamp_alignment\":-1,"
                    + "\"extra\":-1},\"clone_id\":-1,\"name\":-1,\"description\":-1,\"other\":-1}",
            "{\"other\":1,\"config\":{\"other\":1}}",
            "null",
            "[]",
            "[{\"config\":{}}]",
            "\"train\"",
            "12",
            "true");

    @Test
    void aTrainingsBodyIsReadAsTheControllerReadIt() throws Exception {
        int accepted = 0;
        for (String body : BODIES) {
            JsonNode tree = JSON.readTree(body);
            Answer expected = Answer.of(() -> ControllerReading.parse(tree));
            Answer typed = Answer.of(() -> TrainingRequest.parse(tree));
            assertThat(typed).as(body).isEqualTo(expected);
            accepted += typed.request() != null ? 1 : 0;
        }
        for (JsonNode none : new JsonNode[] {null, MissingNode.getInstance()}) {
            assertThat(Answer.of(() -> TrainingRequest.parse(none)))
                    .as(String.valueOf(none))
                    .isEqualTo(Answer.of(() -> ControllerReading.parse(none)));
        }
        assertThat(accepted).as("bodies accepted").isBetween(10, BODIES.size());
    }

    @Test
    void noBodyTrainsWithTheDocumentsExample() {
        assertThat(TrainingRequest.parse(null))
                .isEqualTo(new TrainingRequest(null, null, null, new TrainingSettings(100, 0.001, 32, false)));
    }

    @Test
    void aLearningRateOutOfRangeIsNamedWithItsBoundsWrittenOut() throws Exception {
        Answer refused = Answer.of(() -> TrainingRequest.parse(json("{\"config\":{\"learning_rate\":2}}")));
        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(refused.message()).isEqualTo("Invalid fields: config.learning_rate");
        assertThat(refused.details()).isEqualTo("{\"config.learning_rate\":\"must be a number from 0.00001 to 1\"}");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A request, or a refusal as the envelope shows it: its code, message and details as JSON (order kept). */
    private record Answer(TrainingRequest request, ErrorCode code, String message, String details) {
        static Answer of(Supplier<TrainingRequest> reading) throws Exception {
            try {
                return new Answer(reading.get(), null, null, null);
            } catch (DomainException refused) {
                return new Answer(
                        null, refused.code(), refused.getMessage(), JSON.writeValueAsString(refused.details()));
            }
        }
    }

    /** {@code TrainingController.train} as it read its body, what it went on with as a request. */
    private static final class ControllerReading {
        static final List<String> FIELDS = List.of("config", "clone_id", "name", "description");
        static final List<String> CONFIG_FIELDS =
                List.of("epochs", "learning_rate", "batch_size", "enable_timestamp_alignment");
        static final TrainingSettings DEFAULTS = new TrainingSettings(100, 0.001, 32, false);

        static TrainingRequest parse(JsonNode body) {
            RequestFields f =
                    RequestFields.of(body == null || body.isNull() ? JsonNodeFactory.instance.objectNode() : body);
            f.rejectUnknown(FIELDS);
            String cloneId = f.text("clone_id", 64);
            String name = f.text("name", 200);
            String description = f.text("description", 2000);
            TrainingSettings settings = settings(f);
            f.validate(ErrorCode.VALIDATION_ERROR);
            return new TrainingRequest(cloneId, name, description, settings);
        }

        private static TrainingSettings settings(RequestFields f) {
            if (!f.has("config")) {
                return DEFAULTS;
            }
            if (!f.node("config").isObject()) {
                f.error("config", "must be an object");
                return DEFAULTS;
            }
            RequestFields c = RequestFields.of(f.node("config"));
            c.rejectUnknown(CONFIG_FIELDS);
            Long epochs = c.integer("epochs", 1, 1000);
            Double learningRate = null;
            if (c.has("learning_rate")) {
                JsonNode rate = c.node("learning_rate");
                if (rate.isNumber() && rate.asDouble() >= 0.00001 && rate.asDouble() <= 1.0) {
                    learningRate = rate.asDouble();
                } else {
                    c.error("learning_rate", "must be a number from 0.00001 to 1");
                }
            }
            Long batchSize = c.integer("batch_size", 1, 512);
            Boolean alignment = c.bool("enable_timestamp_alignment");
            try {
                c.validate(ErrorCode.VALIDATION_ERROR);
            } catch (DomainException invalid) {
                if (invalid.details() instanceof Map<?, ?> details) {
                    details.forEach((k, v) -> f.error("config." + k, String.valueOf(v)));
                }
            }
            return new TrainingSettings(
                    epochs != null ? epochs.intValue() : DEFAULTS.epochs(),
                    learningRate != null ? learningRate : DEFAULTS.learningRate(),
                    batchSize != null ? batchSize.intValue() : DEFAULTS.batchSize(),
                    alignment != null ? alignment : DEFAULTS.timestampAlignment());
        }
    }
}
