package io.voxify.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.common.ErrorCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clients read the status before the body, so the status of every code is part of the API: this table is
 * the one clients have always seen, and a code added without a row here fails.
 */
class ErrorStatusesTest {

    private static final Map<String, Integer> TABLE = new LinkedHashMap<>();

    static {
        for (String code : new String[] {
            "MISSING_FIELDS",
            "INVALID_EMAIL",
            "WEAK_PASSWORD",
            "VALIDATION_ERROR",
            "INVALID_JSON",
            "BAD_REQUEST",
            "UNSUPPORTED_AUDIO",
            "INVALID_AUDIO",
            "AUDIO_TOO_LONG",
            "SAMPLE_NOT_PROCESSED"
        }) {
            TABLE.put(code, 400);
        }
        for (String code : new String[] {"INVALID_CREDENTIALS", "INVALID_TOKEN", "UNAUTHORIZED"}) {
            TABLE.put(code, 401);
        }
        for (String code : new String[] {"ACCOUNT_DISABLED", "REGISTRATION_CLOSED", "FORBIDDEN"}) {
            TABLE.put(code, 403);
        }
        for (String code : new String[] {
            "NOT_FOUND",
            "USER_NOT_FOUND",
            "JOB_NOT_FOUND",
            "FILE_NOT_FOUND",
            "VOICE_MODEL_NOT_FOUND",
            "SAMPLE_NOT_FOUND",
            "CLONE_NOT_FOUND",
            "PROJECTION_NOT_FOUND"
        }) {
            TABLE.put(code, 404);
        }
        TABLE.put("METHOD_NOT_ALLOWED", 405);
        TABLE.put("NOT_ACCEPTABLE", 406);
        for (String code : new String[] {
            "EMAIL_EXISTS",
            "CONFLICT",
            "JOB_NOT_UPDATABLE",
            "JOB_NOT_DELETABLE",
            "INVALID_STATUS_TRANSITION",
            "DUPLICATE_SAMPLE",
            "SAMPLE_IN_USE",
            "CLONE_NOT_READY",
            "PROJECTION_NOT_REPLAYABLE",
            "REPLAY_IN_PROGRESS"
        }) {
            TABLE.put(code, 409);
        }
        TABLE.put("FILE_TOO_LARGE", 413);
        TABLE.put("PAYLOAD_TOO_LARGE", 413);
        TABLE.put("UNSUPPORTED_MEDIA_TYPE", 415);
        TABLE.put("RANGE_NOT_SATISFIABLE", 416);
        TABLE.put("RATE_LIMITED", 429);
        TABLE.put("QUOTA_EXCEEDED", 429);
        TABLE.put("TOO_MANY_OPEN_REQUESTS", 429);
        TABLE.put("SERVICE_UNAVAILABLE", 503);
        TABLE.put("INTERNAL_ERROR", 500);
    }

    @Test
    void everyCodeKeepsTheStatusClientsHaveAlwaysSeen() {
        Map<String, Integer> actual = new LinkedHashMap<>();
        Arrays.stream(ErrorCode.values()).forEach(code -> actual.put(code.name(), ErrorStatuses.of(code)));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(TABLE);
    }
}
