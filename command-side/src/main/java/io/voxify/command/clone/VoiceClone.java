package io.voxify.command.clone;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.voxify.events.clone.CloneFittingProgressedEvent;
import io.voxify.events.clone.CloneFittingStartedEvent;
import io.voxify.events.clone.CloneGenerationRequestedEvent;
import io.voxify.events.clone.CloneGenerationSettings;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneWork;
import io.voxify.events.clone.CompleteVoiceCloneCommand;
import io.voxify.events.clone.CreateVoiceCloneCommand;
import io.voxify.events.clone.DeleteVoiceCloneCommand;
import io.voxify.events.clone.FailVoiceCloneCommand;
import io.voxify.events.clone.RecordCloneFittingProgressCommand;
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

/**
 * A voice fitted to a user's processed samples: pending, training, then ready or failed. Its fitting run is
 * its generation job, with an id, parameters and progress of its own.
 */
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
    /** Null for clones created before generation jobs were recorded. */
    private String generationJobId;

    private CloneGenerationSettings settings = CloneGenerationSettings.DEFAULT;
    private int lastStep;

    protected VoiceClone() {}

    @CommandHandler
    public VoiceClone(CreateVoiceCloneCommand cmd) {
        if (cmd.sampleIds() == null || cmd.sampleIds().isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "A clone needs at least one sample");
        }
        if (cmd.name() == null || cmd.name().isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "A clone needs a name");
        }
        if (cmd.generationJobId() == null || cmd.generationJobId().isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "A clone needs the id of its generation job");
        }
        apply(new VoiceCloneCreatedEvent(
                cmd.cloneId(),
                cmd.userId(),
                List.copyOf(cmd.sampleIds()),
                cmd.name(),
                cmd.description(),
                cmd.language()));
        apply(new CloneGenerationRequestedEvent(
                cmd.cloneId(),
                cmd.generationJobId(),
                cmd.userId(),
                cmd.settings() == null ? CloneGenerationSettings.DEFAULT : cmd.settings()));
    }

    @CommandHandler
    public CloneWork handle(StartCloneFittingCommand cmd) {
        if (status != CloneStatus.PENDING || cmd.attempt() != attempt + 1) {
            throw transition("start fitting");
        }
        apply(new CloneFittingStartedEvent(cloneId, cmd.attempt(), cmd.workerId()));
        return new CloneWork(cloneId, userId, sampleIds, language, cmd.attempt(), generationJobId, settings);
    }

    @CommandHandler
    public void handle(RecordCloneFittingProgressCommand cmd) {
        if (status != CloneStatus.TRAINING || cmd.attempt() != attempt) {
            throw transition("record fitting progress");
        }
        if (cmd.steps() < 1 || cmd.step() < 1 || cmd.step() > cmd.steps()) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "Progress must be a step between 1 and the steps planned: " + cmd.step() + " of " + cmd.steps());
        }
        // Steps arrive in order from one worker; a repeated or late one (a retried command) changes nothing.
        if (cmd.step() > lastStep) {
            apply(new CloneFittingProgressedEvent(
                    cloneId, generationJobId, attempt, cmd.step(), cmd.steps(), cmd.stage()));
        }
    }

    @CommandHandler
    public void handle(CompleteVoiceCloneCommand cmd) {
        if (status != CloneStatus.TRAINING || cmd.attempt() != attempt) {
            throw transition("complete");
        }
        apply(new VoiceCloneReadyEvent(
                cloneId, userId, cmd.profile(), cmd.quality(), cmd.vectorId(), cmd.processingTimeMs()));
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
        return new DomainException(
                ErrorCode.INVALID_STATUS_TRANSITION, "Cannot " + action + " while the clone is " + status.wireName());
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
    void on(CloneGenerationRequestedEvent e) {
        generationJobId = e.generationJobId();
        settings = e.settings() == null ? CloneGenerationSettings.DEFAULT : e.settings();
    }

    @EventSourcingHandler
    void on(CloneFittingStartedEvent e) {
        status = CloneStatus.TRAINING;
        attempt = e.attempt();
        lastStep = 0;
    }

    @EventSourcingHandler
    void on(CloneFittingProgressedEvent e) {
        lastStep = e.step();
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
