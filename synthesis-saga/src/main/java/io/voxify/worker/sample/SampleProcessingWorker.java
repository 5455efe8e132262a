package io.voxify.worker.sample;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.CompleteSampleProcessingCommand;
import io.voxify.events.sample.FailSampleProcessingCommand;
import io.voxify.events.sample.FindSampleQuery;
import io.voxify.events.sample.SampleIssue;
import io.voxify.events.sample.SampleMeasurements;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.inference.analysis.RecordingCollector;
import io.voxify.inference.analysis.SampleAnalysis;
import io.voxify.inference.analysis.SampleAnalyzer;
import io.voxify.inference.analysis.SampleMetrics;
import io.voxify.inference.decoding.AudioLimits;
import io.voxify.inference.decoding.AudioRejected;
import io.voxify.inference.decoding.AudioStreamDecoder;
import io.voxify.inference.voice.SpeakerEncoder;
import io.voxify.infrastructure.storage.BlobStore;
import io.voxify.infrastructure.vector.VectorIndex;
import io.voxify.saga.sample.SampleTask;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a sample, measures and validates it, and (when it passes) puts its speaker embedding
 * in the vector index before reporting the verdict. If the verdict is refused (the sample was
 * deleted meanwhile) the embedding is removed again.
 */
public class SampleProcessingWorker {
    public static final String VECTOR_KIND = "sample";
    private static final Logger log = LoggerFactory.getLogger(SampleProcessingWorker.class);

    private final CommandGateway commands;
    private final BlobStore blobs;
    private final SampleAnalyzer analyzer;
    private final SpeakerEncoder encoder;
    private final VectorIndex vectors;
    private final QueryGateway queries;

    public SampleProcessingWorker(
            CommandGateway commands,
            BlobStore blobs,
            SampleAnalyzer analyzer,
            SpeakerEncoder encoder,
            VectorIndex vectors,
            QueryGateway queries) {
        this.queries = queries;
        this.commands = commands;
        this.blobs = blobs;
        this.analyzer = analyzer;
        this.encoder = encoder;
        this.vectors = vectors;
    }

    public void run(SampleTask task) {
        long started = System.nanoTime();
        SampleAnalysis analysis;
        try {
            // Mixed to mono and resampled to 16 kHz while decoding: memory follows the length at 16 kHz,
            // not the file's rate and channels, and the length is capped as it was at upload.
            RecordingCollector recording = new RecordingCollector();
            try (InputStream in = blobs.open(task.blobKey(), 0)) {
                AudioStreamDecoder.decode(in, -1, AudioLimits.UPLOADS, recording);
            }
            analysis = analyzer.analyze(recording.finish());
        } catch (AudioRejected rejected) {
            log.info("Sample {} refused by the decoder: {}", task.sampleId(), rejected.getMessage());
            fail(task, "The recording could not be analysed: " + rejected.getMessage(), rejected.code());
            return;
        } catch (IOException | RuntimeException e) {
            log.warn("Processing of sample {} failed", task.sampleId(), e);
            fail(
                    task,
                    "The recording could not be analysed: " + e.getClass().getSimpleName(),
                    ErrorCode.INTERNAL_ERROR.name());
            return;
        }
        String vectorId = null;
        if (analysis.accepted()) {
            vectorId = task.sampleId();
            vectors.upsert(new VectorIndex.VectorEntry(
                    vectorId, VECTOR_KIND, task.userId(), encoder.modelId(), encoder.embed(analysis.speech16k())));
        }
        List<SampleIssue> issues = analysis.issues().stream()
                .map(i -> new SampleIssue(i.code(), i.reason()))
                .toList();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        try {
            commands.sendAndWait(new CompleteSampleProcessingCommand(
                    task.sampleId(),
                    task.processingJobId(),
                    measurements(analysis.metrics()),
                    issues,
                    analysis.qualityScore(),
                    vectorId,
                    encoder.modelId(),
                    elapsedMs));
        } catch (RuntimeException refused) {
            if (vectorId != null && !stillProcessedWith(task.sampleId(), vectorId)) {
                vectors.delete(vectorId);
            }
            log.info("Verdict on sample {} not recorded: {}", task.sampleId(), refused.getMessage());
        }
    }

    /**
     * A refused verdict (the run timed out, the sample was deleted) must not take away the
     * embedding an earlier run stored for a still-processed sample: a sample's audio never
     * changes, so that embedding is the one just written again.
     */
    private boolean stillProcessedWith(String sampleId, String vectorId) {
        return queries.query(new FindSampleQuery(sampleId), ResponseTypes.optionalInstanceOf(SampleView.class))
                .join()
                .filter(s -> s.status() == SampleStatus.PROCESSED && vectorId.equals(s.vectorId()))
                .isPresent();
    }

    private void fail(SampleTask task, String reason, String errorCode) {
        try {
            commands.sendAndWait(
                    new FailSampleProcessingCommand(task.sampleId(), task.processingJobId(), reason, errorCode));
        } catch (DomainException | org.axonframework.modelling.command.AggregateNotFoundException gone) {
            log.info("Sample {} no longer processing: {}", task.sampleId(), gone.getMessage());
        }
    }

    static SampleMeasurements measurements(SampleMetrics m) {
        return new SampleMeasurements(
                m.duration(),
                m.speechDuration(),
                m.silenceRatio(),
                m.rmsDbfs(),
                m.peakDbfs(),
                m.clippingRatio(),
                m.snrDb(),
                m.f0MedianHz(),
                m.f0P10Hz(),
                m.f0P90Hz(),
                m.voicedRatio(),
                m.speakingRate(),
                m.spectralTilt());
    }
}
