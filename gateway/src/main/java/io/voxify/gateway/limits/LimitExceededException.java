package io.voxify.gateway.limits;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.util.Map;

/** A 429 that tells the client when to come back ({@code Retry-After}) and what the limit is. */
public class LimitExceededException extends DomainException {
    private final transient Map<String, String> headers;

    public LimitExceededException(ErrorCode code, String message, Map<String, Object> details,
                                  Map<String, String> headers) {
        super(code, message, details);
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }
}
