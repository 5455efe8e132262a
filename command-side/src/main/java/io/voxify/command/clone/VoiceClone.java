package io.voxify.command.clone;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.voxify.events.clone.CloneFittingStartedEvent;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneWork;
import io.voxify.events.clone.CompleteVoiceCloneCommand;
import io.voxify.events.clone.CreateVoiceCloneCommand;
import io.voxify.events.clone.DeleteVoiceCloneCommand;
import io.voxify.events.clone.FailVoiceCloneCommand;
import io.voxify.events.clone.RefineVoiceCloneCommand;
import io.voxify.events.clone.StartCloneFittingCommand;
import io.voxify.events.clone.VoiceCloneCreatedEvent;
import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.clone.VoiceCloneFailedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.clone.VoiceCloneRefinedEvent;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A voice fitted to a user's processed samples: pending, training, then ready or failed. */
@Aggregate
public class VoiceClone {

    @AggregateIdentifier
    private String cloneId;
    private String userId;
    private List<String> sampleIds;
    private String language;
    private CloneStatus status;
    private int attempt;
    private String vectorId;

    protected VoiceClone() {
    }

    @CommandHandler
    public VoiceClone(CreateVoiceCloneCommand cmd) {
        if (cmd.sampleIds() == null || cmd.sampleIds().isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "A clone needs at least one sample");
        }
        if (cmd.name() == null || cmd.name().isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "A clone needs a name");
        }
        apply(new VoiceCloneCreatedEvent(cmd.cloneId(), cmd.userId(), List.copyOf(cmd.sampleIds()), cmd.name(),
                cmd.description(), cmd.language()));
    }

    @CommandHandler
    public CloneWork handle(StartCloneFittingCommand cmd) {
        if (status != CloneStatus.PENDING || cmd.attempt() != attempt + 1) {
            throw transition("start fitting");
        }
        apply(new CloneFittingStartedEvent(cloneId, cmd.attempt(), cmd.workerId()));
        return new CloneWork(cloneId, userId, sampleIds, language, cmd.attempt());
    }

    @CommandHandler
    public void handle(CompleteVoiceCloneCommand cmd) {
        if (status != CloneStatus.TRAINING || cmd.attempt() != attempt) {
            throw transition("complete");
        }
        apply(new VoiceCloneReadyEvent(cloneId, userId, cmd.profile(), cmd.quality(), cmd.vectorId(),
                cmd.processingTimeMs()));
    }

    @CommandHandler
    public void handle(FailVoiceCloneCommand cmd) {
        if (status == CloneStatus.READY || status == CloneStatus.FAILED) {
            throw transition("fail");
        }
        apply(new VoiceCloneFailedEvent(cloneId, cmd.reason(), cmd.errorCode()));
    }

    @CommandHandler
    public void handle(RefineVoiceCloneCommand cmd) {
        if (status != CloneStatus.READY) {
            throw transition("refine");
        }
        apply(new VoiceCloneRefinedEvent(cloneId, cmd.trainingJobId(), cmd.profile(), cmd.quality()));
    }

    @CommandHandler
    public void handle(DeleteVoiceCloneCommand cmd) {
        apply(new VoiceCloneDeletedEvent(cloneId, userId, cmd.requestedBy(), vectorId));
    }

    private DomainException transition(String action) {
        return new DomainException(ErrorCode.INVALID_STATUS_TRANSITION,
                "Cannot " + action + " while the clone is " + status.wireName());
    }

    @EventSourcingHandler
    void on(VoiceCloneCreatedEvent e) {
        cloneId = e.cloneId();
        userId = e.userId();
        sampleIds = e.sampleIds();
        language = e.language();
        status = CloneStatus.PENDING;
    }

    @EventSourcingHandler
    void on(CloneFittingStartedEvent e) {
        status = CloneStatus.TRAINING;
        attempt = e.attempt();
    }

    @EventSourcingHandler
    void on(VoiceCloneReadyEvent e) {
        status = CloneStatus.READY;
        vectorId = e.vectorId();
    }

    @EventSourcingHandler
    void on(VoiceCloneFailedEvent e) {
        status = CloneStatus.FAILED;
    }

    @EventSourcingHandler
    void on(VoiceCloneDeletedEvent e) {
        markDeleted();
    }
}
