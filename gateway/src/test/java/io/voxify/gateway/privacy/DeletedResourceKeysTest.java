package io.voxify.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.Person;
import io.voxify.gateway.support.RunningApp;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deleting one job or one recording erases what it held from the event store, as deleting the account erases all
 * of it: the resource's key is destroyed, its history keeps the facts and reads "[erased]" where the text, the
 * callback URL, the name and the transcript were. Another job of the same person keeps its text.
 */
class DeletedResourceKeysTest {
    private static final Duration SOON = Duration.ofSeconds(30);
    private final RunningApp app = RunningApp.shared();

    @Test
    void aDeletedJobAndADeletedSampleReadErasedInTheirHistoryAndAKeptJobDoesNot() {
        Person person = new Person();
        ApiClient me = person.actIn(app);
        String deletedJob = me.get("/api/v1/job").data().get(0).get("id").asText();
        String keptText = "A job that stays, " + person.tag;
        String keptJob =
                me.createJob(Map.of("text_content", keptText)).get("id").asText();
        me.awaitJob(keptJob, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(90));
        String sample = me.get("/api/v1/voice/samples").data().get(0).get("id").asText();
        me.await(
                "/api/v1/voice/samples/" + sample,
                s -> !s.get("status").asText().equals("processing"),
                SOON);

        assertThat(me.delete("/api/v1/job/" + deletedJob).status()).isIn(200, 204);
        assertThat(me.delete("/api/v1/voice/samples/" + sample).status()).isIn(200, 204);

        JsonNode jobCreated = awaitErased(me, "/api/v1/audit/jobs/" + deletedJob + "/events");
        assertThat(jobCreated.get("type").asText()).isEqualTo("JobCreatedEvent");
        assertThat(jobCreated.get("payload").get("text").asText()).isEqualTo("[erased]");
        assertThat(jobCreated.get("payload").get("callback_url").asText()).isEqualTo("[erased]");
        JsonNode sampleUploaded = awaitErased(me, "/api/v1/audit/samples/" + sample + "/events");
        assertThat(sampleUploaded.toString()).doesNotContain(person.sampleName, person.transcript, person.sampleFile);
        assertThat(me.get("/api/v1/audit/jobs/" + deletedJob + "/events").text())
                .as("the facts stay")
                .contains("JobCompletedEvent", "JobDeletedEvent")
                .doesNotContain(person.text, person.callback);

        JsonNode kept =
                me.get("/api/v1/audit/jobs/" + keptJob + "/events").data().get(0);
        assertThat(kept.get("erased").asBoolean()).isFalse();
        assertThat(kept.get("payload").get("text").asText()).isEqualTo(keptText);
        assertThat(new JdbcTemplate(app.bean(DataSource.class))
                        .queryForList(
                                "SELECT key_id FROM personal_keys WHERE owner_id = ? AND wrapped_key IS NULL",
                                String.class,
                                me.userId()))
                .as("only the deleted resources' keys are destroyed")
                .containsExactlyInAnyOrder("job:" + deletedJob, "sample:" + sample);
        assertThat(me.get("/api/v1/auth/profile").data().get("email").asText()).isEqualTo(person.email);
    }

    /** The first event of the history once it reads erased (the key goes in a background processor). */
    private static JsonNode awaitErased(ApiClient me, String history) {
        long end = System.nanoTime() + SOON.toNanos();
        while (true) {
            ApiClient.Response r = me.get(history);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            JsonNode first = r.data().get(0);
            if (first.get("erased").asBoolean() || System.nanoTime() > end) {
                assertThat(first.get("erased").asBoolean())
                        .as(history + " reads erased")
                        .isTrue();
                return first;
            }
            ApiClient.sleep(100);
        }
    }
}
