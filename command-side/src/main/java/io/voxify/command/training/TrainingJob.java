package io.voxify.command.training;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.training.CompleteTrainingCommand;
import io.voxify.events.training.CreateTrainingJobCommand;
import io.voxify.events.training.FailTrainingCommand;
import io.voxify.events.training.RecordTrainingEpochCommand;
import io.voxify.events.training.StartTrainingCommand;
import io.voxify.events.training.TrainingCompletedEvent;
import io.voxify.events.training.TrainingEpochCompletedEvent;
import io.voxify.events.training.TrainingFailedEvent;
import io.voxify.events.training.TrainingJobCreatedEvent;
import io.voxify.events.training.TrainingSettings;
import io.voxify.events.training.TrainingStartedEvent;
import io.voxify.events.training.TrainingStatus;
import io.voxify.events.training.TrainingWork;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** Refinement of a clone's profile against one sample, epoch by epoch, each epoch's loss on record. */
@Aggregate
public class TrainingJob {

    @AggregateIdentifier
    private String trainingJobId;
    private String userId;
    private String sampleId;
    private String cloneId;
    private TrainingSettings settings;
    private TrainingStatus status;
    private int lastEpoch;

    protected TrainingJob() {
    }

    @CommandHandler
    public TrainingJob(CreateTrainingJobCommand cmd) {
        TrainingSettings s = cmd.settings();
        if (s == null || s.epochs() < 1 || !(s.learningRate() > 0) || s.batchSize() < 1) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Training needs epochs, a learning rate and a batch size");
        }
        apply(new TrainingJobCreatedEvent(cmd.trainingJobId(), cmd.userId(), cmd.sampleId(), cmd.cloneId(), s,
                cmd.estimatedSeconds()));
    }

    @CommandHandler
    public TrainingWork handle(StartTrainingCommand cmd) {
        if (status != TrainingStatus.PENDING) {
            throw transition("start");
        }
        apply(new TrainingStartedEvent(trainingJobId, cmd.workerId()));
        return new TrainingWork(trainingJobId, userId, sampleId, cloneId, settings);
    }

    @CommandHandler
    public void handle(RecordTrainingEpochCommand cmd) {
        if (status != TrainingStatus.PROCESSING) {
            throw transition("record an epoch");
        }
        if (cmd.epoch() != lastEpoch + 1 || cmd.epoch() > settings.epochs() || !Double.isFinite(cmd.loss())) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR,
                    "Epoch " + cmd.epoch() + " does not follow epoch " + lastEpoch + " of " + settings.epochs());
        }
        apply(new TrainingEpochCompletedEvent(trainingJobId, cmd.epoch(), settings.epochs(), cmd.loss(),
                cmd.profile(), cmd.elapsedMs()));
    }

    @CommandHandler
    public void handle(CompleteTrainingCommand cmd) {
        if (status != TrainingStatus.PROCESSING || lastEpoch == 0) {
            throw transition("complete");
        }
        apply(new TrainingCompletedEvent(trainingJobId, cloneId, cmd.bestProfile(), cmd.bestLoss(), cmd.quality(),
                cmd.processingTimeMs()));
    }

    @CommandHandler
    public void handle(FailTrainingCommand cmd) {
        if (status.isFinal()) {
            throw transition("fail");
        }
        apply(new TrainingFailedEvent(trainingJobId, cmd.reason(), cmd.errorCode()));
    }

    private DomainException transition(String action) {
        return new DomainException(ErrorCode.INVALID_STATUS_TRANSITION,
                "Cannot " + action + " while the training job is " + status.wireName());
    }

    @EventSourcingHandler
    void on(TrainingJobCreatedEvent e) {
        trainingJobId = e.trainingJobId();
        userId = e.userId();
        sampleId = e.sampleId();
        cloneId = e.cloneId();
        settings = e.settings();
        status = TrainingStatus.PENDING;
    }

    @EventSourcingHandler
    void on(TrainingStartedEvent e) {
        status = TrainingStatus.PROCESSING;
    }

    @EventSourcingHandler
    void on(TrainingEpochCompletedEvent e) {
        lastEpoch = e.epoch();
    }

    @EventSourcingHandler
    void on(TrainingCompletedEvent e) {
        status = TrainingStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(TrainingFailedEvent e) {
        status = TrainingStatus.FAILED;
    }
}
