package io.voxify.gateway.web;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.util.Map;

/** A refusal whose answer carries headers beside the envelope (when to come back, which job it is about). */
public class RefusalWithHeaders extends DomainException {
    private final transient Map<String, String> headers;

    public RefusalWithHeaders(ErrorCode code, String message, Object details, Map<String, String> headers) {
        super(code, message, details);
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }
}
