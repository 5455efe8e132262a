package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.training.TrainingSettings;
import io.voxify.gateway.web.RequestFields;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/voice/samples/{id}/train}: which clone to train (or none, to build one), the name and
 * description of a clone built for it, and how to train in {@code config}; every mistake reported at once, those
 * of {@code config} as {@code config.<field>}. No body at all is an empty one. Read by hand rather than as a
 * {@link io.voxify.gateway.web.RequestRecord}: {@code config} is a nested object with a double in it, and a
 * learning rate's message is written out, none of which the record reader does.
 *
 * @param cloneId     the clone to train, or null for the newest built from the sample (or a new one)
 * @param name        as given (neither trimmed nor checked for blank): a blank one means the default name
 * @param settings    {@code config}, each field it leaves out taken from {@link #DEFAULTS}
 */
record TrainingRequest(String cloneId, String name, String description, TrainingSettings settings) {
    static final List<String> FIELDS = List.of("config", "clone_id", "name", "description");
    static final List<String> CONFIG_FIELDS =
            List.of("epochs", "learning_rate", "batch_size", "enable_timestamp_alignment");
    /** The document's example, which is also what an empty request trains with. */
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

    /** Each config field checked against its range; every bad or unknown one is named as {@code config.<field>}. */
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
        Long epochs = c.integer("epochs", TrainingSettings.MIN_EPOCHS, TrainingSettings.MAX_EPOCHS);
        Double learningRate = null;
        if (c.has("learning_rate")) {
            JsonNode rate = c.node("learning_rate");
            if (rate.isNumber()
                    && rate.asDouble() >= TrainingSettings.MIN_LEARNING_RATE
                    && rate.asDouble() <= TrainingSettings.MAX_LEARNING_RATE) {
                learningRate = rate.asDouble();
            } else {
                // Written out: Java would print the lower bound as 1.0E-5.
                c.error("learning_rate", "must be a number from 0.00001 to 1");
            }
        }
        Long batchSize = c.integer("batch_size", TrainingSettings.MIN_BATCH_SIZE, TrainingSettings.MAX_BATCH_SIZE);
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
