package io.voxify.command.sample;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.CompleteSampleProcessingCommand;
import io.voxify.events.sample.DeleteVoiceSampleCommand;
import io.voxify.events.sample.FailSampleProcessingCommand;
import io.voxify.events.sample.ProcessVoiceSampleCommand;
import io.voxify.events.sample.ReleaseSampleFromCloneCommand;
import io.voxify.events.sample.ReserveSampleForCloneCommand;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.SampleProcessedEvent;
import io.voxify.events.sample.SampleProcessingFailedEvent;
import io.voxify.events.sample.SampleProcessingRequestedEvent;
import io.voxify.events.sample.SampleProcessingRun;
import io.voxify.events.sample.SampleRejectedEvent;
import io.voxify.events.sample.SampleReleasedFromCloneEvent;
import io.voxify.events.sample.SampleReservedForCloneEvent;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.UploadVoiceSampleCommand;
import io.voxify.events.sample.VoiceSampleDeletedEvent;
import io.voxify.events.sample.VoiceSampleUploadedEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user's recording of their own voice, from upload through processing to deletion. An upload normally
 * starts its processing at once; processing again is asked for explicitly ({@code force}).
 */
@Aggregate
public class VoiceSample {

    @AggregateIdentifier
    private String sampleId;

    private String userId;
    private SampleStatus status;
    private SampleAudio audio;
    private String processingJobId;
    private String vectorId;
    private final Set<String> reservedBy = new HashSet<>();

    protected VoiceSample() {}

    @CommandHandler
    public VoiceSample(UploadVoiceSampleCommand cmd) {
        if (cmd.audio() == null || cmd.userId() == null) {
            throw new DomainException(ErrorCode.MISSING_FIELDS, "A sample needs its owner and its audio");
        }
        apply(new VoiceSampleUploadedEvent(
                cmd.sampleId(),
                cmd.userId(),
                cmd.name(),
                cmd.description(),
                cmd.language(),
                cmd.transcript(),
                cmd.audio()));
        if (cmd.processingJobId() != null) {
            apply(new SampleProcessingRequestedEvent(cmd.sampleId(), cmd.userId(), cmd.processingJobId(), cmd.audio()));
        }
    }

    /**
     * Starts a run on a sample that has none to show (uploaded, or its last run failed). A running run is
     * kept whatever is asked; a verdict (processed or rejected) is kept unless {@code force}.
     */
    @CommandHandler
    public SampleProcessingRun handle(ProcessVoiceSampleCommand cmd) {
        boolean finished = status == SampleStatus.PROCESSED || status == SampleStatus.REJECTED;
        if (status == SampleStatus.PROCESSING || (finished && !cmd.force())) {
            return new SampleProcessingRun(processingJobId, status, false);
        }
        requireUnreserved("processed again");
        apply(new SampleProcessingRequestedEvent(sampleId, userId, cmd.processingJobId(), audio));
        return new SampleProcessingRun(cmd.processingJobId(), SampleStatus.PROCESSING, true);
    }

    @CommandHandler
    public void handle(CompleteSampleProcessingCommand cmd) {
        requireRunning(cmd.processingJobId());
        if (cmd.issues() == null || cmd.issues().isEmpty()) {
            if (cmd.vectorId() == null) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "A processed sample needs its embedding");
            }
            apply(new SampleProcessedEvent(
                    sampleId,
                    cmd.processingJobId(),
                    cmd.measurements(),
                    cmd.qualityScore(),
                    cmd.vectorId(),
                    cmd.embeddingModel(),
                    cmd.processingTimeMs()));
        } else {
            apply(new SampleRejectedEvent(
                    sampleId,
                    cmd.processingJobId(),
                    cmd.measurements(),
                    cmd.issues(),
                    cmd.qualityScore(),
                    cmd.processingTimeMs()));
        }
    }

    @CommandHandler
    public void handle(FailSampleProcessingCommand cmd) {
        requireRunning(cmd.processingJobId());
        apply(new SampleProcessingFailedEvent(sampleId, cmd.processingJobId(), cmd.reason(), cmd.errorCode()));
    }

    @CommandHandler
    public void handle(ReserveSampleForCloneCommand cmd) {
        if (status != SampleStatus.PROCESSED) {
            throw new DomainException(
                    ErrorCode.SAMPLE_NOT_PROCESSED,
                    "Sample " + sampleId + " is " + status.wireName() + "; only processed samples can be cloned",
                    Map.of("sample_ids", List.of(sampleId)));
        }
        if (!reservedBy.contains(cmd.cloneId())) {
            apply(new SampleReservedForCloneEvent(sampleId, cmd.cloneId()));
        }
    }

    @CommandHandler
    public void handle(ReleaseSampleFromCloneCommand cmd) {
        if (reservedBy.contains(cmd.cloneId())) {
            apply(new SampleReleasedFromCloneEvent(sampleId, cmd.cloneId()));
        }
    }

    /**
     * A sample being processed may be deleted too (an upload starts processing at once): its run's verdict
     * is then refused, and the worker takes back the embedding it stored.
     */
    @CommandHandler
    public void handle(DeleteVoiceSampleCommand cmd) {
        requireUnreserved("deleted");
        apply(new VoiceSampleDeletedEvent(sampleId, userId, cmd.requestedBy(), audio, vectorId));
    }

    private void requireUnreserved(String action) {
        if (!reservedBy.isEmpty()) {
            throw new DomainException(
                    ErrorCode.SAMPLE_IN_USE,
                    "A clone is being built from this sample; it can be " + action + " when the clone is finished",
                    Map.of("clone_ids", List.copyOf(reservedBy)));
        }
    }

    private void requireRunning(String jobId) {
        if (status != SampleStatus.PROCESSING || !Objects.equals(processingJobId, jobId)) {
            throw new DomainException(
                    ErrorCode.INVALID_STATUS_TRANSITION, "Processing job " + jobId + " is not running for this sample");
        }
    }

    @EventSourcingHandler
    void on(VoiceSampleUploadedEvent e) {
        sampleId = e.sampleId();
        userId = e.userId();
        audio = e.audio();
        status = SampleStatus.UPLOADED;
    }

    @EventSourcingHandler
    void on(SampleProcessingRequestedEvent e) {
        status = SampleStatus.PROCESSING;
        processingJobId = e.processingJobId();
    }

    @EventSourcingHandler
    void on(SampleProcessedEvent e) {
        status = SampleStatus.PROCESSED;
        vectorId = e.vectorId();
    }

    @EventSourcingHandler
    void on(SampleRejectedEvent e) {
        status = SampleStatus.REJECTED;
        vectorId = null;
    }

    @EventSourcingHandler
    void on(SampleProcessingFailedEvent e) {
        status = vectorId != null ? SampleStatus.PROCESSED : SampleStatus.UPLOADED;
    }

    @EventSourcingHandler
    void on(SampleReservedForCloneEvent e) {
        reservedBy.add(e.cloneId());
    }

    @EventSourcingHandler
    void on(SampleReleasedFromCloneEvent e) {
        reservedBy.remove(e.cloneId());
    }

    @EventSourcingHandler
    void on(VoiceSampleDeletedEvent e) {
        markDeleted();
    }
}
