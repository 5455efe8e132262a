package io.voxify.events.common;

/**
 * Every refusal the platform can give, with the HTTP status a client sees. Domain code throws
 * {@link DomainException} with one of these; the gateway turns it into the error envelope.
 */
public enum ErrorCode {
    MISSING_FIELDS(400),
    INVALID_EMAIL(400),
    WEAK_PASSWORD(400),
    VALIDATION_ERROR(400),
    INVALID_JSON(400),
    BAD_REQUEST(400),
    UNSUPPORTED_AUDIO(400),
    INVALID_AUDIO(400),
    AUDIO_TOO_LONG(400),
    SAMPLE_NOT_PROCESSED(400),
    INVALID_CREDENTIALS(401),
    INVALID_TOKEN(401),
    UNAUTHORIZED(401),
    ACCOUNT_DISABLED(403),
    REGISTRATION_CLOSED(403),
    FORBIDDEN(403),
    NOT_FOUND(404),
    USER_NOT_FOUND(404),
    JOB_NOT_FOUND(404),
    FILE_NOT_FOUND(404),
    VOICE_MODEL_NOT_FOUND(404),
    SAMPLE_NOT_FOUND(404),
    CLONE_NOT_FOUND(404),
    PROJECTION_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    EMAIL_EXISTS(409),
    CONFLICT(409),
    JOB_NOT_UPDATABLE(409),
    JOB_NOT_DELETABLE(409),
    INVALID_STATUS_TRANSITION(409),
    DUPLICATE_SAMPLE(409),
    SAMPLE_IN_USE(409),
    CLONE_NOT_READY(409),
    PROJECTION_NOT_REPLAYABLE(409),
    REPLAY_IN_PROGRESS(409),
    FILE_TOO_LARGE(413),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RANGE_NOT_SATISFIABLE(416),
    RATE_LIMITED(429),
    QUOTA_EXCEEDED(429),
    TOO_MANY_OPEN_REQUESTS(429),
    SERVICE_UNAVAILABLE(503),
    INTERNAL_ERROR(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
