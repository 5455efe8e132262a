package io.voxify.gateway.web;

import io.voxify.events.common.ErrorCode;

/**
 * The HTTP status a client sees for each refusal. Domain code names what went wrong; only the web layer
 * knows it is answered over HTTP. A switch with no default, so a new code does not compile until it is
 * given a status here.
 */
public final class ErrorStatuses {

    private ErrorStatuses() {}

    public static int of(ErrorCode code) {
        return switch (code) {
            case MISSING_FIELDS,
                    INVALID_EMAIL,
                    WEAK_PASSWORD,
                    VALIDATION_ERROR,
                    INVALID_JSON,
                    BAD_REQUEST,
                    UNSUPPORTED_AUDIO,
                    INVALID_AUDIO,
                    AUDIO_TOO_LONG,
                    SAMPLE_NOT_PROCESSED -> 400;
            case INVALID_CREDENTIALS, INVALID_TOKEN, UNAUTHORIZED -> 401;
            case ACCOUNT_DISABLED, REGISTRATION_CLOSED, FORBIDDEN -> 403;
            case NOT_FOUND,
                    USER_NOT_FOUND,
                    JOB_NOT_FOUND,
                    FILE_NOT_FOUND,
                    VOICE_MODEL_NOT_FOUND,
                    SAMPLE_NOT_FOUND,
                    CLONE_NOT_FOUND,
                    PROJECTION_NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case NOT_ACCEPTABLE -> 406;
            case EMAIL_EXISTS,
                    CONFLICT,
                    JOB_NOT_UPDATABLE,
                    JOB_NOT_DELETABLE,
                    INVALID_STATUS_TRANSITION,
                    DUPLICATE_SAMPLE,
                    SAMPLE_IN_USE,
                    CLONE_NOT_READY,
                    PROJECTION_NOT_REPLAYABLE,
                    REPLAY_IN_PROGRESS -> 409;
            case FILE_TOO_LARGE, PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RANGE_NOT_SATISFIABLE -> 416;
            case RATE_LIMITED, QUOTA_EXCEEDED, TOO_MANY_OPEN_REQUESTS -> 429;
            case INTERNAL_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
        };
    }
}
