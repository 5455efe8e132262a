package io.voxify.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobProgressedEvent;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.query.job.JobProjection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projections are idempotent: an event handled again (a redelivery, or a batch handled a second time after
 * another node claimed the processor's token, as happens under load) changes nothing. Before, an old progress
 * step handled again put a completed job's progress back, and a creation handled again put it back to pending.
 */
class ProjectionRedeliveryTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void olderJobEventsHandledAgainLeaveTheJobAsItIs() {
        ApiClient user = app.client().newUser();
        String jobId = user.createJob(Map.of("text_content", "One sentence. And another one to report progress."))
                .get("id")
                .asText();
        JsonNode before =
                user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));

        List<? extends DomainEventMessage<?>> history =
                app.bean(EventStore.class).readEvents(jobId).asStream().toList();
        DomainEventMessage<?> creation = history.stream()
                .filter(e -> e.getPayload() instanceof JobCreatedEvent)
                .findFirst()
                .orElseThrow();
        DomainEventMessage<?> step = history.stream()
                .filter(e -> e.getPayload() instanceof JobProgressedEvent p && p.progress() < 100)
                .findFirst()
                .orElseThrow();
        handleAgain(JobProjection.PROCESSING_GROUP, step);
        handleAgain(JobProjection.PROCESSING_GROUP, creation);

        JsonNode after = user.get("/api/v1/job/" + jobId).data();
        assertThat(after.get("status").asText()).isEqualTo("completed");
        assertThat(after.get("progress").asDouble())
                .isEqualTo(before.get("progress").asDouble());
        assertThat(after.get("output_file_path").asText())
                .isEqualTo(before.get("output_file_path").asText());
        assertThat(after.get("updated_at").asText())
                .isEqualTo(before.get("updated_at").asText());
    }

    /** Hands one stored event to the processor's handlers again, in a transaction, as the processor would. */
    private void handleAgain(String processingGroup, EventMessage<?> event) {
        AbstractEventProcessor processor = app.bean(EventProcessingConfiguration.class)
                .eventProcessor(processingGroup, AbstractEventProcessor.class)
                .orElseThrow();
        app.bean(TransactionTemplate.class).executeWithoutResult(tx -> {
            try {
                DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> {
                    processor.eventHandlerInvoker().handle(event, Segment.ROOT_SEGMENT);
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
