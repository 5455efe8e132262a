package io.voxify.events.common;

/**
 * A typed refusal from the domain (an aggregate, a saga or a service). It crosses the command
 * bus unchanged in the embedded profile and is mapped to the error envelope by the gateway.
 */
public class DomainException extends RuntimeException {
    private final ErrorCode code;
    private final transient Object details;

    public DomainException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public DomainException(ErrorCode code, String message, Object details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    public Object details() {
        return details;
    }
}
