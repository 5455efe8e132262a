package io.voxify.query.job;

import io.voxify.events.audit.FindJobStateAtQuery;
import io.voxify.events.audit.JobStateAt;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.job.JobView;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * A job as it stood at a moment, for the audit: its events up to that moment, read from the event store,
 * folded through the {@link JobEvolver} that the job list applies to its rows, so a past state and
 * today's row never disagree about what an event did. It keeps no table of its own.
 */
@Component
public class JobHistory {
    private final EventStore eventStore;

    public JobHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    public JobStateAt handle(FindJobStateAtQuery query) {
        JobView job = null;
        int count = 0;
        long lastSequence = -1;
        Instant createdAt = null;
        Instant deletedAt = null;
        DomainEventStream stream = eventStore.readEvents(query.jobId());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            createdAt = createdAt == null ? event.getTimestamp() : createdAt;
            if (event.getTimestamp().isAfter(query.at())) {
                break;
            }
            if (event.getPayload() instanceof JobDeletedEvent) {
                deletedAt = event.getTimestamp();
                break;
            }
            job = JobEvolver.evolve(job, event.getPayload(), event.getSequenceNumber(), event.getTimestamp());
            count++;
            lastSequence = event.getSequenceNumber();
        }
        return new JobStateAt(query.at(), deletedAt != null ? null : job, count, lastSequence, createdAt, deletedAt);
    }
}
