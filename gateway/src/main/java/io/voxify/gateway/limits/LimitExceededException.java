package io.voxify.gateway.limits;

import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.web.RefusalWithHeaders;
import java.util.Map;

/** A 429 that tells the client when to come back ({@code Retry-After}) and what the limit is. */
public class LimitExceededException extends RefusalWithHeaders {

    public LimitExceededException(ErrorCode code, String message, Object details, Map<String, String> headers) {
        super(code, message, details, headers);
    }
}
