package io.voxify.infrastructure.vector;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;

/**
 * The vector index could not be reached or refused a request. A client sees 503 (try again
 * later), not a 500: the request was fine, a server it depends on was not. The cause says what
 * went wrong; the message says nothing internal.
 */
public class VectorIndexUnavailableException extends DomainException {

    public VectorIndexUnavailableException(Throwable cause) {
        super(ErrorCode.SERVICE_UNAVAILABLE, "The voice index is unavailable; try again later");
        initCause(cause);
    }
}
