package io.voxify.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.audit.AuditEvent;
import io.voxify.events.job.JobCancelledEvent;
import io.voxify.events.privacy.Erasure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit answers as records write the keys the maps wrote, in their order, and say when a field is erased. */
class AuditAnswersTest {
    private final ObjectMapper json = new ObjectMapper();
    private final AuditJson audit = new AuditJson(new ObjectMapper());
    private final Instant at = Instant.parse("2026-01-02T03:04:05.678Z");

    private AuditEvent event(Map<String, Object> metadata) {
        return new AuditEvent(
                42,
                "SynthesisJob",
                "job_1",
                3,
                "JobCancelledEvent",
                "1",
                "evt_1",
                at,
                new JobCancelledEvent("job_1", "user_a"),
                metadata);
    }

    @Test
    void anEventWritesItsKeysInTheOrderTheMapHad() throws Exception {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("userId", "user_b");
        metadata.put("clientAddress", "203.0.113.5");
        assertThat(json.writeValueAsString(audit.of(event(metadata), null)))
                .isEqualTo("{\"position\":42,\"aggregate_type\":\"SynthesisJob\",\"aggregate_id\":\"job_1\","
                        + "\"sequence\":3,\"type\":\"JobCancelledEvent\",\"revision\":\"1\",\"event_id\":\"evt_1\","
                        + "\"timestamp\":\"2026-01-02T03:04:05.678Z\",\"payload\":{\"job_id\":\"job_1\","
                        + "\"requested_by\":\"user_a\"},\"erased\":false,\"metadata\":{\"user_id\":\"user_b\","
                        + "\"client_address\":\"203.0.113.5\"}}");
        assertThat(json.writeValueAsString(audit.of(event(metadata), "user_a")))
                .as("the owner does not see another person's address")
                .doesNotContain("203.0.113.5");
    }

    @Test
    void anEventReadWithErasedFieldsSaysSo() throws Exception {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(Erasure.ERASED_FIELDS, List.of("text"));
        String written = json.writeValueAsString(audit.of(event(metadata), null));
        assertThat(written).contains("\"erased\":true", "\"erased_fields\":[\"text\"]");
    }

    @Test
    void aPageAndAJobsPastStateWriteTheirKeysInTheOrderTheMapsHad() throws Exception {
        assertThat(json.writeValueAsString(new AuditPagination(50, 0, 2, true, 17L)))
                .isEqualTo("{\"limit\":50,\"after\":0,\"count\":2,\"has_more\":true,\"next_after\":17}");
        assertThat(json.writeValueAsString(new AuditPagination(50, 0, 0, false, null)))
                .isEqualTo("{\"limit\":50,\"after\":0,\"count\":0,\"has_more\":false,\"next_after\":null}");
        assertThat(json.readTree(json.writeValueAsString(new JobStateResponse("a", "b", null, 4, 3, null)))
                        .fieldNames())
                .toIterable()
                .containsExactly("at", "created_at", "deleted_at", "event_count", "last_sequence", "job");
    }
}
