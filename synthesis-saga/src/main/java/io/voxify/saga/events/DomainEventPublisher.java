package io.voxify.saga.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.infrastructure.privacy.PersonalFields;
import io.voxify.infrastructure.publishing.EventPublisher;
import io.voxify.infrastructure.publishing.PublishedEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Every domain event, in order, to the analytics consumers ({@link EventPublisher}): the event's JSON with its
 * personal values withheld ({@link PersonalFields#withhold}: a broker's copy could never be erased) and
 * secrets such as password hashes redacted ({@link SecretFields}), its id (consumers drop duplicates by it), its
 * aggregate, sequence, time and metadata, less what identifies a person's connection. A tracking processor of
 * its own: a broker outage stops it (the error propagates) and it resumes where it stopped, so no event is
 * skipped.
 */
@Component
@ProcessingGroup(DomainEventPublisher.PROCESSING_GROUP)
@ConditionalOnProperty(name = "voxify.work-queue.type", havingValue = "rabbitmq")
public class DomainEventPublisher {
    public static final String PROCESSING_GROUP = "event-publisher";
    /** Metadata that identifies a person's connection, not the business fact: kept out of the analytics stream. */
    private static final Set<String> PERSONAL_METADATA = Set.of("clientAddress");
    /** What an aggregate of no recorded type is published as. */
    private static final String UNTYPED_AGGREGATE = "Event";

    private final EventPublisher publisher;
    private final ObjectMapper json;

    public DomainEventPublisher(EventPublisher publisher, ObjectMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) throws InterruptedException {
        PublishedEvent.Aggregate aggregate = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregate = new PublishedEvent.Aggregate(
                    domain.getType() == null ? UNTYPED_AGGREGATE : domain.getType(),
                    domain.getAggregateIdentifier(),
                    domain.getSequenceNumber());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        event.getMetaData().forEach((key, value) -> {
            if (!PERSONAL_METADATA.contains(key)) {
                metadata.put(key, String.valueOf(value));
            }
        });
        publisher.publish(new PublishedEvent(
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                event.getTimestamp(),
                aggregate,
                metadata,
                SecretFields.redact(PersonalFields.withhold(event.getPayloadType(), json.valueToTree(payload)))));
    }
}
