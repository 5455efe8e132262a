package io.voxify.infrastructure.queue.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Work messages keep the layout of the feature-specific record they were before the queue was generic, byte for
 * byte: messages on a broker and rows in {@code work_waiting} outlive any one version.
 */
class WorkMessageTest {
    private final ObjectMapper json = new ObjectMapper();

    /** The sample work's payload, as the sagas attach it. */
    record SampleTask(String sampleId, String processingJobId, String userId, String blobKey) {}

    /** The message as it was written before: the sample under its own field, nulls left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EarlierWorkMessage(
            String kind, String id, Integer attempt, SampleTask sample, Map<String, Object> metadata, String userId) {}

    private static Map<String, Object> metadata() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("correlationId", "c-1");
        metadata.put("requestId", "r-1");
        metadata.put("userId", "alice");
        return metadata;
    }

    @Test
    void aSampleMessageIsWrittenAsBeforeWithItsPayloadUnderTheKindsName() throws Exception {
        SampleTask task = new SampleTask("s-1", "p-1", "alice", null);
        byte[] now = new WorkMessage("sample", "s-1", null, json.valueToTree(task), metadata(), "alice").toJson(json);

        assertThat(new String(now, StandardCharsets.UTF_8))
                .isEqualTo(new String(
                        json.writeValueAsBytes(
                                new EarlierWorkMessage("sample", "s-1", null, task, metadata(), "alice")),
                        StandardCharsets.UTF_8));
    }

    @Test
    void messagesWithAnAttemptAndNoPayloadOrOwnerAreWrittenAsBefore() throws Exception {
        byte[] now = new WorkMessage("synthesis", "job-1", 2, null, metadata(), null).toJson(json);
        byte[] training = new WorkMessage("training", "t-1", null, null, Map.of(), "bob").toJson(json);

        assertThat(now)
                .isEqualTo(json.writeValueAsBytes(
                        new EarlierWorkMessage("synthesis", "job-1", 2, null, metadata(), null)));
        assertThat(training)
                .isEqualTo(
                        json.writeValueAsBytes(new EarlierWorkMessage("training", "t-1", null, null, Map.of(), "bob")));
    }

    @Test
    void anEarlierMessageIsReadBackWithItsPayload() throws Exception {
        SampleTask task = new SampleTask("s-1", "p-1", "alice", "samples/s-1.wav");
        byte[] earlier =
                json.writeValueAsBytes(new EarlierWorkMessage("sample", "s-1", null, task, metadata(), "alice"));

        WorkMessage read = WorkMessage.fromJson(json, earlier);

        assertThat(read.kind()).isEqualTo("sample");
        assertThat(read.id()).isEqualTo("s-1");
        assertThat(read.attempt()).isNull();
        assertThat(read.userId()).isEqualTo("alice");
        assertThat(read.metadata()).isEqualTo(metadata());
        assertThat(json.treeToValue(read.payload(), SampleTask.class)).isEqualTo(task);
    }
}
