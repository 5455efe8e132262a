package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.clone.CloneFitQuality;
import io.voxify.events.clone.CloneGenerationSettings;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.web.RequestFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/voice/clones}: the samples, the clone's name, description and language, and the generation
 * parameters in {@code config}; every mistake reported at once, those of {@code config} as
 * {@code config.<name>}. Read by hand rather than as a {@link io.voxify.gateway.web.RequestRecord}: it holds a
 * list and a nested object, and names where a misplaced generation parameter belongs, none of which the record
 * reader does.
 *
 * @param sampleIds   1 to {@link CloneService#MAX_SAMPLES} ids as given (trimmed), repeats included
 * @param language    null to take the first sample's
 * @param generation  the fit's parameters, {@link CloneGenerationSettings#DEFAULT} when {@code config} is left out
 */
record CloneRequest(
        List<String> sampleIds, String name, String description, String language, CloneGenerationSettings generation) {
    /** The body's fields; generation parameters go in {@code config}, never beside these. */
    static final List<String> FIELDS = List.of("sample_ids", "name", "description", "language", "config");

    static final List<String> CONFIG_FIELDS = List.of("base_voice_id", "quality");

    CloneRequest {
        sampleIds = List.copyOf(sampleIds);
    }

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
            if (sampleIds.size() > CloneService.MAX_SAMPLES) {
                f.error("sample_ids", "at most " + CloneService.MAX_SAMPLES + " samples");
            }
        }
        String name = f.text("name", 200);
        if (name == null || name.isBlank()) {
            f.error("name", "is required");
        }
        String description = f.text("description", 2000);
        String language = f.text("language", 35);
        CloneGenerationSettings generation = generation(f);
        f.validate(ErrorCode.VALIDATION_ERROR);
        return new CloneRequest(
                sampleIds, name.trim(), description, language == null ? null : language.trim(), generation);
    }

    /** The generation parameters in {@code config}; problems are recorded on {@code f} as {@code config.<name>}. */
    private static CloneGenerationSettings generation(RequestFields f) {
        if (!f.has("config")) {
            return CloneGenerationSettings.DEFAULT;
        }
        if (!f.node("config").isObject()) {
            f.error("config", "must be an object of generation parameters (" + String.join(", ", CONFIG_FIELDS) + ")");
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
