package io.voxify.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A webhook retry is a persistent deadline: one that falls due while the server is down is made after
 * restart. If the retry fired while the first server was stopping, its result was never recorded: the
 * attempt guard (also persistent) then makes that try again after the restart.
 */
class WebhookRestartTest {

    @Test
    void aRetryDueWhileTheServerIsDownIsMadeAfterRestart() throws Exception {
        Path dataDir = RunningApp.tempDir("voxify-webhook-restart-");
        // The receiver is on 127.0.0.1: private callbacks are allowed from the start, by the property.
        Map<String, Object> props = Map.of(
                "voxify.webhooks.retry-delays",
                "5s",
                "voxify.webhooks.give-up-after",
                "PT5M",
                "voxify.webhooks.attempt-guard",
                "PT10S",
                "voxify.webhooks.allow-private-callbacks",
                "true");
        try (WebhookTest.Receiver receiver = new WebhookTest.Receiver()) {
            receiver.scripts.put("/hooks/restart", Collections.synchronizedList(new ArrayList<>(List.of(500))));
            String jobId;
            com.github.kagkarlsson.scheduler.Scheduler firstScheduler;
            try (RunningApp first = RunningApp.start(dataDir, props)) {
                firstScheduler = first.bean(com.github.kagkarlsson.scheduler.Scheduler.class);
                ApiClient admin = first.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
                jobId = admin.createJob(Map.of(
                                "text_content", "Survive a restart.", "callback_url", receiver.url("/hooks/restart")))
                        .get("id")
                        .asText();
                JsonNode job = admin.awaitJob(
                        jobId,
                        j -> j.get("webhook").isObject()
                                && j.get("webhook").get("attempts").asInt() == 1,
                        Duration.ofSeconds(60));
                assertThat(job.get("webhook").get("state").asText()).isEqualTo("pending");
                assertThat(job.get("webhook").get("next_attempt_at").isTextual())
                        .isTrue();
            }
            assertThat(firstScheduler.getSchedulerState().isShuttingDown())
                    .as("the deadline scheduler was stopped with the node")
                    .isTrue();
            int callsBefore = receiver.callsTo("/hooks/restart").size();

            try (RunningApp second = RunningApp.start(dataDir, props)) {
                ApiClient admin = second.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
                JsonNode job = admin.awaitJob(
                        jobId,
                        j -> "delivered".equals(j.get("webhook").get("state").asText()),
                        Duration.ofSeconds(60));
                assertThat(job.get("webhook").get("attempts").asInt()).isEqualTo(2);
            }
            assertThat(receiver.callsTo("/hooks/restart"))
                    .as("try 2 after the restart (%d call(s) before it)", callsBefore)
                    .hasSizeGreaterThan(callsBefore)
                    .hasSizeLessThanOrEqualTo(3);
        }
    }
}
