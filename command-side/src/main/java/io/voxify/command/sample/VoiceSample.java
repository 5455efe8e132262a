package io.voxify.command.sample;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.CompleteSampleProcessingCommand;
import io.voxify.events.sample.DeleteVoiceSampleCommand;
import io.voxify.events.sample.FailSampleProcessingCommand;
import io.voxify.events.sample.ProcessVoiceSampleCommand;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.SampleProcessedEvent;
import io.voxify.events.sample.SampleProcessingFailedEvent;
import io.voxify.events.sample.SampleProcessingRequestedEvent;
import io.voxify.events.sample.SampleRejectedEvent;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.UploadVoiceSampleCommand;
import io.voxify.events.sample.VoiceSampleDeletedEvent;
import io.voxify.events.sample.VoiceSampleUploadedEvent;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A user's recording of their own voice, from upload through processing to deletion. */
@Aggregate
public class VoiceSample {

    @AggregateIdentifier
    private String sampleId;
    private String userId;
    private SampleStatus status;
    private SampleAudio audio;
    private String processingJobId;
    private String vectorId;

    protected VoiceSample() {
    }

    @CommandHandler
    public VoiceSample(UploadVoiceSampleCommand cmd) {
        if (cmd.audio() == null || cmd.userId() == null) {
            throw new DomainException(ErrorCode.MISSING_FIELDS, "A sample needs its owner and its audio");
        }
        apply(new VoiceSampleUploadedEvent(cmd.sampleId(), cmd.userId(), cmd.name(), cmd.description(),
                cmd.language(), cmd.transcript(), cmd.audio()));
    }

    @CommandHandler
    public void handle(ProcessVoiceSampleCommand cmd) {
        if (status == SampleStatus.PROCESSING) {
            throw new DomainException(ErrorCode.SAMPLE_BUSY, "The sample is already being processed",
                    Map.of("processing_job_id", processingJobId));
        }
        apply(new SampleProcessingRequestedEvent(sampleId, userId, cmd.processingJobId(), audio));
    }

    @CommandHandler
    public void handle(CompleteSampleProcessingCommand cmd) {
        requireRunning(cmd.processingJobId());
        if (cmd.issues() == null || cmd.issues().isEmpty()) {
            if (cmd.vectorId() == null) {
                throw new DomainException(ErrorCode.VALIDATION_ERROR, "A processed sample needs its embedding");
            }
            apply(new SampleProcessedEvent(sampleId, cmd.processingJobId(), cmd.measurements(), cmd.qualityScore(),
                    cmd.vectorId(), cmd.embeddingModel(), cmd.processingTimeMs()));
        } else {
            apply(new SampleRejectedEvent(sampleId, cmd.processingJobId(), cmd.measurements(), cmd.issues(),
                    cmd.qualityScore(), cmd.processingTimeMs()));
        }
    }

    @CommandHandler
    public void handle(FailSampleProcessingCommand cmd) {
        requireRunning(cmd.processingJobId());
        apply(new SampleProcessingFailedEvent(sampleId, cmd.processingJobId(), cmd.reason(), cmd.errorCode()));
    }

    @CommandHandler
    public void handle(DeleteVoiceSampleCommand cmd) {
        if (status == SampleStatus.PROCESSING) {
            throw new DomainException(ErrorCode.SAMPLE_BUSY,
                    "The sample is being processed; delete it when processing has finished");
        }
        apply(new VoiceSampleDeletedEvent(sampleId, userId, cmd.requestedBy(), audio, vectorId));
    }

    private void requireRunning(String jobId) {
        if (status != SampleStatus.PROCESSING || !Objects.equals(processingJobId, jobId)) {
            throw new DomainException(ErrorCode.INVALID_STATUS_TRANSITION,
                    "Processing job " + jobId + " is not running for this sample");
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
    void on(VoiceSampleDeletedEvent e) {
        markDeleted();
    }
}
