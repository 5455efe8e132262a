package io.voxify.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What the admin statistics and user-list tests both need: a known set of finished jobs. */
public final class AdminFixtures {
    public static final Duration DONE = Duration.ofSeconds(90);

    private AdminFixtures() {}

    /** The three ways a job ends, made by one user; the completed job's audio is described by its file info. */
    public record JobMix(
            String completedJobId, String cancelledJobId, String failedJobId, JsonNode completed, JsonNode fileInfo) {}

    /**
     * One job completes, one is cancelled by its owner and one is failed by an administrator. The
     * first keeps the single worker busy long enough for the other two to be ended while pending.
     */
    public static JobMix jobMix(ApiClient user, ApiClient admin) {
        String busy = user.createJob(Map.of(
                        "text_content",
                        "This sentence keeps the only worker busy for a while. ".repeat(15),
                        "speed",
                        0.5))
                .get("id")
                .asText();
        user.awaitJob(busy, j -> !j.get("status").asText().equals("pending"), DONE);
        String cancelled =
                user.createJob(Map.of("text_content", "Cancel me.")).get("id").asText();
        String failed =
                user.createJob(Map.of("text_content", "Fail me.")).get("id").asText();
        ApiClient.Response cancel = user.patch("/api/v1/job/" + cancelled, Map.of("status", "cancelled"));
        assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
        ApiClient.Response fail = admin.patch(
                "/api/v1/job/" + failed,
                Map.of("status", "failed", "error_message", "Failed on purpose by the admin tests"));
        assertThat(fail.status()).as(fail.text()).isEqualTo(200);
        JsonNode done = user.awaitJob(busy, j -> j.get("status").asText().equals("completed"), DONE);
        JsonNode info = user.get("/api/v1/files/" + done.get("file_id").asText() + "/info")
                .data();
        return new JobMix(busy, cancelled, failed, done, info);
    }

    /**
     * Reads until the answer satisfies {@code settled} (projections catch up asynchronously) and
     * returns the last answer either way, so the caller's assertions report what was seen.
     */
    public static JsonNode eventually(Supplier<JsonNode> read, Predicate<JsonNode> settled, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = read.get();
        while (!settled.test(last) && System.nanoTime() < end) {
            ApiClient.sleep(100);
            last = read.get();
        }
        return last;
    }
}
