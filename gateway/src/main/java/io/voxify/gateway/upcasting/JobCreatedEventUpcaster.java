package io.voxify.gateway.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.events.job.JobCreatedEvent;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Revision 1 of {@link JobCreatedEvent} had no {@code textFormat}: every job then was plain
 * text, so the upcast event says so. Axon runs it on every read of the event store (projections,
 * replays, aggregates loading their history), so the stored events stay as they were written.
 */
@Component
@Order(0)
public class JobCreatedEventUpcaster extends SingleEventUpcaster {
    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(JobCreatedEvent.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(JobCreatedEvent.class.getName(), "2");
    /** What revision 1 meant, whatever formats later revisions add. */
    private static final String REVISION_1_FORMAT = "plain";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        SerializedType type = event.getType();
        return REVISION_1.getName().equals(type.getName())
                && REVISION_1.getRevision().equals(type.getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).put("textFormat", REVISION_1_FORMAT);
            return payload;
        });
    }
}
