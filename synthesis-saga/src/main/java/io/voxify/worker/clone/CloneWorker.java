package io.voxify.worker.clone;

import io.voxify.catalogue.VoiceBinding;
import io.voxify.catalogue.VoiceDirectory;
import io.voxify.events.clone.CloneGenerationSettings;
import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.CloneWork;
import io.voxify.events.clone.CompleteVoiceCloneCommand;
import io.voxify.events.clone.FailVoiceCloneCommand;
import io.voxify.events.clone.RecordCloneFittingProgressCommand;
import io.voxify.events.clone.StartCloneFittingCommand;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.FindSamplesQuery;
import io.voxify.events.sample.SamplePage;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.inference.voice.CloneEvaluation;
import io.voxify.inference.voice.CloneTarget;
import io.voxify.inference.voice.FitListener;
import io.voxify.inference.voice.FitOptions;
import io.voxify.inference.voice.FitQuality;
import io.voxify.inference.voice.FitReport;
import io.voxify.inference.voice.SpeakerEncoder;
import io.voxify.inference.voice.VoiceFitter;
import io.voxify.inference.voice.VoiceProfile;
import io.voxify.infrastructure.vector.VectorIndex;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a clone to its samples: combines their measurements and embeddings into one target,
 * fits a profile to it with the clone's generation parameters, and measures the result on the check
 * sentence. The measurement, not a guess, becomes the clone's quality. Every step of the fit is recorded
 * on the clone as its generation job's progress; a clone deleted or timed out meanwhile stops the fit at
 * the next step.
 */
public class CloneWorker {
    public static final String VECTOR_KIND = "clone";
    public static final String METHOD = "base-voice selection + prosody and formant fit";
    private static final Logger log = LoggerFactory.getLogger(CloneWorker.class);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final VectorIndex vectors;
    private final VoiceFitter fitter;
    private final SpeakerEncoder encoder;
    private final VoiceDirectory voices;
    private final String workerId;

    public CloneWorker(
            CommandGateway commands,
            QueryGateway queries,
            VectorIndex vectors,
            VoiceFitter fitter,
            SpeakerEncoder encoder,
            VoiceDirectory voices,
            String workerId) {
        this.voices = voices;
        this.commands = commands;
        this.queries = queries;
        this.vectors = vectors;
        this.fitter = fitter;
        this.encoder = encoder;
        this.workerId = workerId;
    }

    public void run(String cloneId, int attempt) {
        CloneWork work;
        try {
            work = commands.sendAndWait(new StartCloneFittingCommand(cloneId, attempt, workerId));
        } catch (RuntimeException refused) {
            log.info("Clone {} not started: {}", cloneId, refused.getMessage());
            return;
        }
        long started = System.nanoTime();
        try {
            CloneTarget target = target(work);
            Progress progress = new Progress(cloneId, attempt);
            FitReport fitted = fitter.fit(target, options(work), progress);
            CloneEvaluation evaluation = fitter.evaluate(fitted.profile(), target);
            progress.measured();
            log.info(
                    "Clone {} fitted at {} from {} of {}: {} renderings, {} s of speech",
                    cloneId,
                    fitted.quality().wireName(),
                    fitted.profile().baseVoiceId(),
                    fitted.candidateBases(),
                    fitted.renders(),
                    Math.round(fitted.renderedSeconds()));
            vectors.upsert(new VectorIndex.VectorEntry(
                    cloneId, VECTOR_KIND, work.userId(), encoder.modelId(), target.embedding()));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            try {
                commands.sendAndWait(new CompleteVoiceCloneCommand(
                        cloneId, attempt, profile(fitted.profile()), quality(target, evaluation), cloneId, elapsedMs));
            } catch (RuntimeException refused) {
                vectors.delete(cloneId);
                log.info("Clone {} finished but was no longer wanted: {}", cloneId, refused.getMessage());
            }
        } catch (FitAbandoned gone) {
            log.info("Clone {} stopped while fitting: {}", cloneId, gone.getMessage());
        } catch (DomainException unusable) {
            fail(cloneId, unusable.getMessage(), unusable.code().name());
        } catch (IllegalArgumentException unusable) {
            // The samples' measurements cannot describe a voice (e.g. no measurable speaking rate).
            fail(
                    cloneId,
                    "The samples cannot be fitted: " + unusable.getMessage(),
                    ErrorCode.SAMPLE_NOT_PROCESSED.name());
        } catch (RuntimeException e) {
            log.warn("Fitting clone {} failed", cloneId, e);
            fail(cloneId, "Fitting failed: " + e.getClass().getSimpleName(), ErrorCode.INTERNAL_ERROR.name());
        }
    }

    /**
     * The fit's options from the clone's parameters. A named base was checked when the clone was created; a
     * neural voice uninstalled since fails the clone with a clear reason rather than fitting another voice.
     */
    FitOptions options(CloneWork work) {
        CloneGenerationSettings settings = work.settings() == null ? CloneGenerationSettings.DEFAULT : work.settings();
        String engineVoice = null;
        if (settings.baseVoiceId() != null) {
            engineVoice = voices.cloneBase(settings.baseVoiceId())
                    .map(VoiceBinding::engineVoiceId)
                    .orElseThrow(() -> new DomainException(
                            ErrorCode.VOICE_MODEL_NOT_FOUND,
                            "The base voice " + settings.baseVoiceId() + " is no longer available here"));
        }
        return new FitOptions(engineVoice, FitQuality.valueOf(settings.quality().name()));
    }

    /** A clone that was deleted or failed (timed out) while it was being fitted. */
    private static final class FitAbandoned extends RuntimeException {
        FitAbandoned(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Records each step of the fit on the clone, plus one step for measuring the result: {@code steps} is the
     * fit's plan + 1. A clone that refuses a step is no longer being fitted by this attempt, and the fit stops;
     * a step that could not be recorded for another reason is only logged (the next one carries on).
     */
    private final class Progress implements FitListener {
        private final String cloneId;
        private final int attempt;
        private int planned;

        Progress(String cloneId, int attempt) {
            this.cloneId = cloneId;
            this.attempt = attempt;
        }

        @Override
        public void step(String stage, int step, int steps) {
            planned = steps;
            record(step, steps + 1, stage);
        }

        void measured() {
            record(planned + 1, planned + 1, "measuring the clone against the samples");
        }

        private void record(int step, int steps, String stage) {
            try {
                commands.sendAndWait(new RecordCloneFittingProgressCommand(cloneId, attempt, step, steps, stage));
            } catch (DomainException | AggregateNotFoundException gone) {
                throw new FitAbandoned(gone.getMessage());
            } catch (RuntimeException notRecorded) {
                log.warn("Progress of clone {} not recorded: {}", cloneId, notRecorded.toString());
            }
        }
    }

    /**
     * One target from several samples, each weighted by its amount of speech: F0 statistics and
     * rate as weighted means (F0 in the log domain), the embedding as the normalised weighted
     * mean of the sample embeddings.
     */
    CloneTarget target(CloneWork work) {
        return targetOf(work.userId(), work.sampleIds(), work.language());
    }

    public CloneTarget targetOf(String userId, List<String> sampleIds, String language) {
        SamplePage page = queries.query(
                        new FindSamplesQuery(userId, List.of(SampleStatus.PROCESSED), sampleIds, sampleIds.size(), 0),
                        SamplePage.class)
                .join();
        List<String> missing = new ArrayList<>(sampleIds);
        page.items().forEach(s -> missing.remove(s.sampleId()));
        if (!missing.isEmpty()) {
            throw new DomainException(
                    ErrorCode.SAMPLE_NOT_PROCESSED,
                    "Samples no longer available or not processed: " + String.join(", ", missing));
        }
        double weights = 0;
        double logF0 = 0;
        double logP10 = 0;
        double logP90 = 0;
        double rate = 0;
        float[] embedding = null;
        for (SampleView sample : page.items()) {
            var m = sample.measurements();
            if (m == null || m.f0MedianHz() == null) {
                throw new DomainException(
                        ErrorCode.SAMPLE_NOT_PROCESSED,
                        "Sample " + sample.sampleId() + " has no voiced speech to learn from");
            }
            float[] vector = vectors.get(sample.vectorId())
                    .map(VectorIndex.VectorEntry::vector)
                    .orElseThrow(() -> new DomainException(
                            ErrorCode.SAMPLE_NOT_PROCESSED,
                            "Sample " + sample.sampleId() + " has no speaker embedding; process it again"));
            double w = Math.max(0.1, m.speechDuration());
            weights += w;
            logF0 += w * Math.log(m.f0MedianHz());
            logP10 += w * Math.log(m.f0P10Hz() != null ? m.f0P10Hz() : m.f0MedianHz());
            logP90 += w * Math.log(m.f0P90Hz() != null ? m.f0P90Hz() : m.f0MedianHz());
            rate += w * m.speakingRate();
            if (embedding == null) {
                embedding = new float[vector.length];
            }
            for (int i = 0; i < vector.length; i++) {
                embedding[i] += (float) (w * vector[i]);
            }
        }
        double norm = 0;
        for (float v : embedding) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = (float) (embedding[i] / (norm == 0 ? 1 : norm));
        }
        return new CloneTarget(
                Math.exp(logF0 / weights),
                Math.exp(logP10 / weights),
                Math.exp(logP90 / weights),
                rate / weights,
                embedding,
                language);
    }

    private void fail(String cloneId, String reason, String code) {
        try {
            commands.sendAndWait(new FailVoiceCloneCommand(cloneId, reason, code));
        } catch (RuntimeException gone) {
            log.info("Clone {} could not be marked failed: {}", cloneId, gone.getMessage());
        }
    }

    /** A profile without a pause factor keeps the engine's own pauses. */
    public static VoiceProfile voiceProfile(CloneProfile p) {
        return new VoiceProfile(
                p.baseVoiceId(),
                p.pitchFactor(),
                p.pitchRangeFactor(),
                p.speedFactor(),
                p.formantScale(),
                p.breathiness(),
                p.pauseFactor() == null ? 1.0 : p.pauseFactor());
    }

    /** The engine's own pauses are recorded as no pause factor, as fitted profiles have. */
    public static CloneProfile profile(VoiceProfile p) {
        return new CloneProfile(
                p.baseVoiceId(),
                p.pitchFactor(),
                p.pitchRangeFactor(),
                p.speedFactor(),
                p.formantScale(),
                p.breathiness(),
                p.pauseFactor() == 1.0 ? null : p.pauseFactor());
    }

    public static CloneQuality quality(CloneTarget target, CloneEvaluation e) {
        return new CloneQuality(
                target.f0MedianHz(),
                e.f0MedianHz(),
                e.f0RelativeError(),
                e.embeddingSimilarity(),
                e.defaultF0RelativeError(),
                e.defaultEmbeddingSimilarity(),
                e.qualityScore(),
                METHOD);
    }
}
