package io.voxify.query.audit;

import io.voxify.events.common.OwnedByUser;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Ownership of every aggregate, learnt from the events that name their owner. The audit
 * stream's user filter uses it ("the user's account and everything the user owns"); rows are
 * never removed with the aggregate, because its history stays.
 */
@Component
@ProcessingGroup(AggregateOwnerProjection.PROCESSING_GROUP)
public class AggregateOwnerProjection {
    public static final String PROCESSING_GROUP = "audit-owners";

    private final AggregateOwnerRepository owners;

    public AggregateOwnerProjection(AggregateOwnerRepository owners) {
        this.owners = owners;
    }

    @EventHandler
    void on(OwnedByUser event, DomainEventMessage<?> message) {
        if (owners.existsById(message.getAggregateIdentifier())) {
            return;
        }
        AggregateOwnerEntity row = new AggregateOwnerEntity();
        row.aggregateId = message.getAggregateIdentifier();
        row.aggregateType = message.getType();
        row.userId = event.userId();
        owners.save(row);
    }

    @ResetHandler
    void reset() {
        owners.deleteAllInBatch();
    }
}
