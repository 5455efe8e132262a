package io.voxify.gateway.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Map;

/**
 * A {@link RequestRecord} body had fields the record does not name or values of the wrong JSON type. It
 * carries the record built from the rest, so that its constraints can still be checked and every mistake
 * reported in one answer.
 */
public class RequestFieldsRefused extends JsonMappingException {
    private final transient Object partial;
    private final transient Map<String, String> unknown;
    private final transient Map<String, String> wrongType;

    RequestFieldsRefused(
            JsonParser parser, Object partial, Map<String, String> unknown, Map<String, String> wrongType) {
        super(parser, "Fields refused: " + unknown.keySet() + " " + wrongType.keySet());
        this.partial = partial;
        this.unknown = unknown;
        this.wrongType = wrongType;
    }

    /** The record with {@code null} for every field of the wrong type. */
    public Object partial() {
        return partial;
    }

    /** Fields the record does not name, in the order the body has them, each with its message. */
    public Map<String, String> unknown() {
        return unknown;
    }

    /** Fields of the wrong JSON type by their JSON name, each with its message. */
    public Map<String, String> wrongType() {
        return wrongType;
    }
}
