package io.voxify.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.RunningApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both ways of deleting an account in the API document: the owner's DELETE with the password in its body, the
 * administrator's by id, each answering the envelope with the deletion as its data, and each with its refusals.
 */
class AccountDeletionDocumentTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void theApiDocumentDescribesBothDeletionsTheirBodyTheirAnswerAndTheirRefusals() {
        JsonNode document = app.client().get("/v3/api-docs").json();
        JsonNode own = document.at("/paths/~1api~1v1~1auth~1account/delete");
        JsonNode byAdministrator = document.at("/paths/~1api~1v1~1admin~1users~1{userId}/delete");
        assertThat(own.isMissingNode()).as("DELETE /api/v1/auth/account").isFalse();
        assertThat(byAdministrator.isMissingNode())
                .as("DELETE /api/v1/admin/users/{userId}")
                .isFalse();

        JsonNode body = schema(
                document,
                own.at("/requestBody/content/application~1json/schema/$ref").asText());
        assertThat(own.at("/requestBody/content/application~1json/schema/$ref").asText())
                .as(own.toString())
                .isEqualTo("#/components/schemas/DeleteAccountRequest");
        assertThat(body.at("/properties/password/type").asText())
                .as(body.toString())
                .isEqualTo("string");
        assertThat(body.at("/required").toString()).isEqualTo("[\"password\"]");

        for (JsonNode operation : List.of(own, byAdministrator)) {
            String envelope = operation
                    .at("/responses/200/content/application~1json/schema/$ref")
                    .asText();
            assertThat(envelope).as(operation.toString()).isEqualTo("#/components/schemas/AccountDeletionEnvelope");
        }
        JsonNode envelope = schema(document, "#/components/schemas/AccountDeletionEnvelope");
        assertThat(envelope.at("/properties/data/$ref").asText())
                .as(envelope.toString())
                .isEqualTo("#/components/schemas/AccountDeletionResponse");
        JsonNode data = schema(document, "#/components/schemas/AccountDeletionResponse");
        List<String> fields = new ArrayList<>();
        data.at("/properties").fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .as(data.toString())
                .containsExactly("user_id", "deleted", "deleted_at", "erased_keys", "resource_removal");

        assertThat(own.at("/responses/401").isMissingNode())
                .as("a wrong password")
                .isFalse();
        assertThat(own.at("/responses/400").isMissingNode()).as("no password").isFalse();
        assertThat(byAdministrator.at("/responses/404").isMissingNode())
                .as("no such user")
                .isFalse();
        assertThat(byAdministrator.at("/responses/409").isMissingNode())
                .as("their own account")
                .isFalse();
        assertThat(byAdministrator.at("/responses/403").isMissingNode())
                .as("not an administrator")
                .isFalse();
    }

    private static JsonNode schema(JsonNode document, String ref) {
        return document.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
    }
}
