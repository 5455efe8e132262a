package io.voxify.command.training;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voxify.events.clone.CloneQuality;
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

/**
 * Training of a clone's profile against one sample's recording, epoch by epoch, each epoch's loss on record, and
 * at the end whether it made the voice measurably better.
 */
@Aggregate
public class TrainingJob {
    /**
     * Enhancement: the quality score (half pitch, half timbre, 0–1) up by at least this, measured on the same
     * check sentence against the same sample in the same run, before and after ...
     */
    static final double MIN_SCORE_GAIN = 0.01;
    /** ... with neither of its parts worse by more than run-to-run noise: the F0 error (relative) ... */
    static final double F0_ERROR_TOLERANCE = 0.01;
    /** ... and the embedding similarity (cosine). */
    static final double SIMILARITY_TOLERANCE = 0.005;

    @AggregateIdentifier
    private String trainingJobId;

    private String userId;
    private String sampleId;
    private String cloneId;
    private TrainingSettings settings;
    private TrainingStatus status;
    private int lastEpoch;

    protected TrainingJob() {}

    @CommandHandler
    public TrainingJob(CreateTrainingJobCommand cmd) {
        TrainingSettings s = cmd.settings();
        if (s == null || !s.valid()) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "Training needs " + TrainingSettings.MIN_EPOCHS + "–"
                            + TrainingSettings.MAX_EPOCHS + " epochs, a learning rate of "
                            + TrainingSettings.MIN_LEARNING_RATE
                            + "–" + TrainingSettings.MAX_LEARNING_RATE + " and a batch size of "
                            + TrainingSettings.MIN_BATCH_SIZE
                            + "–" + TrainingSettings.MAX_BATCH_SIZE);
        }
        if (cmd.sampleId() == null || cmd.cloneId() == null || cmd.sentencesPerEpoch() < 1) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR, "Training needs a sample, a clone and what an epoch speaks");
        }
        apply(new TrainingJobCreatedEvent(
                cmd.trainingJobId(),
                cmd.userId(),
                cmd.sampleId(),
                cmd.cloneId(),
                s,
                cmd.estimatedSeconds(),
                cmd.buildsClone(),
                cmd.sentencesPerEpoch()));
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
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "Epoch " + cmd.epoch() + " does not follow epoch " + lastEpoch + " of " + settings.epochs());
        }
        apply(new TrainingEpochCompletedEvent(
                trainingJobId, cmd.epoch(), settings.epochs(), cmd.loss(), cmd.profile(), cmd.elapsedMs()));
    }

    @CommandHandler
    public void handle(CompleteTrainingCommand cmd) {
        if (status != TrainingStatus.PROCESSING || lastEpoch == 0) {
            throw transition("complete");
        }
        apply(new TrainingCompletedEvent(
                trainingJobId,
                cloneId,
                cmd.bestProfile(),
                cmd.bestLoss(),
                cmd.quality(),
                cmd.processingTimeMs(),
                cmd.startQuality(),
                enhanced(cmd.startQuality(), cmd.quality())));
    }

    /** Null when there is no before to compare with. */
    static Boolean enhanced(CloneQuality before, CloneQuality after) {
        if (before == null || after == null) {
            return null;
        }
        return after.qualityScore() - before.qualityScore() >= MIN_SCORE_GAIN
                && after.f0RelativeError() <= before.f0RelativeError() + F0_ERROR_TOLERANCE
                && after.embeddingSimilarity() >= before.embeddingSimilarity() - SIMILARITY_TOLERANCE;
    }

    @CommandHandler
    public void handle(FailTrainingCommand cmd) {
        if (status.isFinal()) {
            throw transition("fail");
        }
        apply(new TrainingFailedEvent(trainingJobId, cmd.reason(), cmd.errorCode()));
    }

    private DomainException transition(String action) {
        return new DomainException(
                ErrorCode.INVALID_STATUS_TRANSITION,
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
