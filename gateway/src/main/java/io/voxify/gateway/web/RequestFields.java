package io.voxify.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON object field by field, collecting every problem so the client learns all of
 * them at once (per-field messages in {@code error.details}).
 */
public final class RequestFields {
    private final JsonNode body;
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();

    static final String NO_BODY = "A JSON object body is required";
    static final String NOT_AN_OBJECT = "The request body must be a JSON object";

    private RequestFields(JsonNode body) {
        this.body = body;
    }

    public static RequestFields of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new DomainException(ErrorCode.INVALID_JSON, NO_BODY);
        }
        if (!body.isObject()) {
            throw new DomainException(ErrorCode.INVALID_JSON, NOT_AN_OBJECT);
        }
        return new RequestFields(body);
    }

    public boolean has(String name) {
        return body.has(name) && !body.get(name).isNull();
    }

    public JsonNode node(String name) {
        return body.get(name);
    }

    /** A required non-blank string; records it as missing otherwise. */
    public String requiredText(String name) {
        String value = text(name, Integer.MAX_VALUE);
        if (value == null || value.isBlank()) {
            if (!errors.containsKey(name)) {
                missing.add(name);
            }
            return null;
        }
        return value;
    }

    public String text(String name, int maxLength) {
        if (!has(name)) {
            return null;
        }
        JsonNode n = body.get(name);
        if (!n.isTextual()) {
            errors.put(name, "must be a string");
            return null;
        }
        String value = n.asText();
        if (value.codePointCount(0, value.length()) > maxLength) {
            errors.put(name, "must be at most " + maxLength + " characters");
            return null;
        }
        return value;
    }

    public Double number(String name, double min, double max) {
        if (!has(name)) {
            return null;
        }
        JsonNode n = body.get(name);
        if (!n.isNumber()) {
            errors.put(name, "must be a number between " + min + " and " + max);
            return null;
        }
        double value = n.asDouble();
        if (!Double.isFinite(value) || value < min || value > max) {
            errors.put(name, "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }

    /** A whole number within bounds (inclusive), or null when absent. */
    public Long integer(String name, long min, long max) {
        if (!has(name)) {
            return null;
        }
        JsonNode n = body.get(name);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
            errors.put(name, "must be a whole number between " + min + " and " + max);
            return null;
        }
        return n.asLong();
    }

    /** Records every field of the body that is not one of {@code known}. */
    public void rejectUnknown(Collection<String> known) {
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.put(name, "is not a known field");
            }
        });
    }

    public Integer integerOneOf(String name, List<Integer> allowed) {
        if (!has(name)) {
            return null;
        }
        JsonNode n = body.get(name);
        if (!n.canConvertToInt() || !n.isIntegralNumber() || !allowed.contains(n.asInt())) {
            errors.put(name, "must be one of " + allowed);
            return null;
        }
        return n.asInt();
    }

    public String oneOf(String name, List<String> allowed) {
        String value = text(name, 64);
        if (value == null) {
            return null;
        }
        String lower = value.trim().toLowerCase();
        if (!allowed.contains(lower)) {
            errors.put(name, "must be one of " + allowed);
            return null;
        }
        return lower;
    }

    public Boolean bool(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode n = body.get(name);
        if (!n.isBoolean()) {
            errors.put(name, "must be true or false");
            return null;
        }
        return n.asBoolean();
    }

    public void error(String name, String message) {
        errors.put(name, message);
    }

    /** Throws MISSING_FIELDS or the given validation code if anything was wrong. */
    public void validate(ErrorCode code) {
        DomainException refusal = refusal(missing, errors, code);
        if (refusal != null) {
            throw refusal;
        }
    }

    /**
     * The refusal of a body with these mistakes, or null when it has none: MISSING_FIELDS when a required
     * field is missing (listed first, the other mistakes after it), the given code otherwise.
     */
    static DomainException refusal(List<String> missing, Map<String, String> errors, ErrorCode code) {
        if (!missing.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("missing_fields", missing);
            missing.forEach(m -> details.put(m, "is required"));
            details.putAll(errors);
            return new DomainException(
                    ErrorCode.MISSING_FIELDS, "Missing required fields: " + String.join(", ", missing), details);
        }
        if (!errors.isEmpty()) {
            return new DomainException(
                    code, "Invalid fields: " + String.join(", ", errors.keySet()), new LinkedHashMap<>(errors));
        }
        return null;
    }
}
