package io.voxify.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The patch body keeps the reading it had inside the service: lenient about extras, strict about the worker's fields. */
@SuppressWarnings("unchecked") // the details of a field refusal are a map of field names to messages
class JobPatchRequestTest {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode body(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void aStatusIsTakenInAnyCaseAndFieldsItDoesNotNameAreLetThrough() throws Exception {
        JobPatchRequest request =
                JobPatchRequest.parse(body("{\"status\":\" Cancelled \",\"reason\":\"no longer needed\"}"));
        assertThat(request).isEqualTo(new JobPatchRequest("cancelled", null, null, null));
        assertThat(request.isCancelOnly()).isTrue();
    }

    @Test
    void cancellingWithAProgressIsNoLongerOnlyACancel() throws Exception {
        JobPatchRequest request = JobPatchRequest.parse(body("{\"status\":\"cancelled\",\"progress\":50}"));
        assertThat(request.progress()).isEqualTo(50.0);
        assertThat(request.isCancelOnly()).isFalse();
    }

    @Test
    void everyMistakeIsReportedAtOnceWithTheWorkersFieldsRefusedByName() throws Exception {
        DomainException refused = catchThrowableOfType(
                DomainException.class,
                () -> JobPatchRequest.parse(body(
                        "{\"status\":\"done\",\"progress\":\"half\",\"error_message\":\"x\",\"file_id\":\"fil_1\"}")));
        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(refused.getMessage()).isEqualTo("Invalid fields: status, progress, file_id");
        assertThat((Map<Object, Object>) refused.details())
                .containsEntry("status", "must be one of " + JobPatchRequest.STATUSES)
                .containsEntry("progress", "must be a number between 0.0 and 100.0")
                .containsEntry("file_id", "is set by the worker that produces the audio and cannot be patched");
    }

    @Test
    void aBodyThatChangesNothingIsRefused() throws Exception {
        DomainException refused =
                catchThrowableOfType(DomainException.class, () -> JobPatchRequest.parse(body("{\"message\":\"hi\"}")));
        assertThat((Map<Object, Object>) refused.details())
                .isEqualTo(Map.of("status", "a status, progress or error_message is required"));
    }

    @Test
    void aMissingBodyAndOneThatIsNoObjectAreToldApart() throws Exception {
        assertThat(catchThrowableOfType(DomainException.class, () -> JobPatchRequest.parse(null))
                        .getMessage())
                .isEqualTo("A JSON object body is required");
        assertThat(catchThrowableOfType(DomainException.class, () -> JobPatchRequest.parse(body("[]")))
                        .getMessage())
                .isEqualTo("The request body must be a JSON object");
    }
}
