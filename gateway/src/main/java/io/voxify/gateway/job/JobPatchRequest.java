package io.voxify.gateway.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.web.RequestFields;
import java.util.List;

/**
 * {@code PATCH /api/v1/job/{id}}: a change of status, progress or error message, each mistake reported at once.
 * Read by hand rather than as a {@link io.voxify.gateway.web.RequestRecord}: fields it does not name are let
 * through (only the worker's own fields are refused by name), its status is taken in any case, and a missing
 * body and one that is not an object are told apart, none of which the record reader does.
 *
 * @param status          a status in its wire spelling, lower case, or null to leave it
 * @param progressMessage the {@code message} shown with the progress
 */
record JobPatchRequest(String status, Double progress, String errorMessage, String progressMessage) {
    static final List<String> STATUSES = List.of("pending", "processing", "completed", "failed", "cancelled");
    private static final List<String> WORKER_FIELDS = List.of("output_file_path", "duration", "file_id");

    static JobPatchRequest parse(JsonNode body) {
        RequestFields f = RequestFields.of(body);
        String status = f.oneOf("status", STATUSES);
        Double progress = f.number("progress", 0, 100);
        String errorMessage = f.text("error_message", 2000);
        String progressMessage = f.text("message", 500);
        for (String readOnly : WORKER_FIELDS) {
            if (f.has(readOnly)) {
                f.error(readOnly, "is set by the worker that produces the audio and cannot be patched");
            }
        }
        if (status == null && progress == null && errorMessage == null) {
            f.error("status", "a status, progress or error_message is required");
        }
        f.validate(ErrorCode.VALIDATION_ERROR);
        return new JobPatchRequest(status, progress, errorMessage, progressMessage);
    }

    /** What a job's owner may ask on their own: cancelling, and nothing else with it. */
    boolean isCancelOnly() {
        return "cancelled".equals(status) && progress == null && errorMessage == null;
    }
}
