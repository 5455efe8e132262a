package io.voxify.worker.training;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.events.clone.RefineVoiceCloneCommand;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.FindSampleQuery;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.events.training.CompleteTrainingCommand;
import io.voxify.events.training.FailTrainingCommand;
import io.voxify.events.training.FindTrainingJobQuery;
import io.voxify.events.training.RecordTrainingEpochCommand;
import io.voxify.events.training.StartTrainingCommand;
import io.voxify.events.training.TrainingStatus;
import io.voxify.events.training.TrainingView;
import io.voxify.events.training.TrainingWork;
import io.voxify.inference.analysis.RecordingCollector;
import io.voxify.inference.decoding.AudioLimits;
import io.voxify.inference.decoding.AudioRejected;
import io.voxify.inference.decoding.AudioStreamDecoder;
import io.voxify.inference.voice.CloneTarget;
import io.voxify.inference.voice.ProfileTrainer;
import io.voxify.inference.voice.SpeakerEncoder;
import io.voxify.inference.voice.SpeakerMaterial;
import io.voxify.inference.voice.TrainingConfig;
import io.voxify.inference.voice.VoiceFitter;
import io.voxify.inference.voice.VoiceProfile;
import io.voxify.infrastructure.storage.BlobStore;
import io.voxify.worker.clone.CloneWorker;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a clone's profile against one sample's recording: the recording is decoded again (within the upload
 * limits) and cut into the {@link SpeakerMaterial} batches are drawn from; each epoch is recorded with its loss.
 * At the end the profile the training started from and the one it found are measured against the recording the
 * way a clone's quality is (the check sentence's F0 error and embedding similarity, {@link VoiceFitter#evaluate}),
 * and the job completes with both. The trained profile replaces the clone's unless it measures worse than the
 * start.
 *
 * <p>A job whose clone is still being built is left pending: its saga hands it over again once the clone is
 * ready, so no worker waits on another's work.
 */
public class TrainingWorker {
    private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);
    /** Below this loss of quality score the trained profile still counts as no worse: run-to-run noise. */
    static final double NOISE = 0.005;

    static final Duration VIEW_LAG = Duration.ofSeconds(3);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ProfileTrainer trainer;
    private final VoiceFitter fitter;
    private final BlobStore blobs;
    private final SpeakerEncoder encoder;
    private final String workerId;

    public TrainingWorker(
            CommandGateway commands,
            QueryGateway queries,
            ProfileTrainer trainer,
            VoiceFitter fitter,
            BlobStore blobs,
            SpeakerEncoder encoder,
            String workerId) {
        this.commands = commands;
        this.queries = queries;
        this.trainer = trainer;
        this.fitter = fitter;
        this.blobs = blobs;
        this.encoder = encoder;
        this.workerId = workerId;
    }

    public void run(String trainingJobId) {
        if (waitingForItsClone(trainingJobId)) {
            log.debug("Training {} waits for its clone", trainingJobId);
            return;
        }
        TrainingWork work;
        try {
            work = commands.sendAndWait(new StartTrainingCommand(trainingJobId, workerId));
        } catch (RuntimeException refused) {
            log.info("Training {} not started: {}", trainingJobId, refused.getMessage());
            return;
        }
        long started = System.nanoTime();
        try {
            CloneView clone = clone(work.cloneId())
                    .filter(c -> c.status() == CloneStatus.READY && c.profile() != null)
                    .orElseThrow(() -> new DomainException(
                            ErrorCode.CLONE_NOT_READY,
                            "Clone " + work.cloneId() + " is not ready: it failed or was deleted"));
            SampleView sample = queries.query(
                            new FindSampleQuery(work.sampleId()), ResponseTypes.optionalInstanceOf(SampleView.class))
                    .join()
                    .filter(s -> s.status() == SampleStatus.PROCESSED)
                    .orElseThrow(() -> new DomainException(
                            ErrorCode.SAMPLE_NOT_PROCESSED, "Sample " + work.sampleId() + " is no longer processed"));
            SpeakerMaterial material = SpeakerMaterial.of(recording(sample), sample.transcript(), encoder);
            // What training aims at is what it is judged by: the material's F0 is measured with the tracker that
            // measures the voice's speech (the analysis's own can differ by a few percent), and its embedding is
            // that of the segments a whole batch holds.
            CloneTarget target = material.cloneTarget(clone.language());
            VoiceProfile start = CloneWorker.voiceProfile(clone.profile());
            var settings = work.settings();
            long[] previousElapsed = {0};
            ProfileTrainer.TrainingResult result = trainer.train(
                    start,
                    material,
                    new TrainingConfig(
                            settings.epochs(),
                            settings.learningRate(),
                            settings.batchSize(),
                            settings.timestampAlignment()),
                    epoch -> {
                        // The trainer reports time since it started; each event records its own epoch's time.
                        long epochMs = epoch.elapsedMillis() - previousElapsed[0];
                        previousElapsed[0] = epoch.elapsedMillis();
                        commands.sendAndWait(new RecordTrainingEpochCommand(
                                trainingJobId,
                                epoch.epoch(),
                                epoch.loss(),
                                CloneWorker.profile(epoch.profile()),
                                epochMs));
                    });
            CloneQuality before = CloneWorker.quality(target, fitter.evaluate(start, target));
            CloneQuality after = CloneWorker.quality(target, fitter.evaluate(result.profile(), target));
            CloneProfile trained = CloneWorker.profile(result.profile());
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            commands.sendAndWait(new CompleteTrainingCommand(
                    trainingJobId, trained, result.best().loss(), after, elapsedMs, before));
            if (after.qualityScore() >= before.qualityScore() - NOISE) {
                commands.sendAndWait(new RefineVoiceCloneCommand(work.cloneId(), trainingJobId, trained, after));
            } else {
                log.info(
                        "Training {} measured {} against {} at the start: clone {} keeps its profile",
                        trainingJobId,
                        after.qualityScore(),
                        before.qualityScore(),
                        work.cloneId());
            }
        } catch (DomainException refused) {
            fail(trainingJobId, refused.getMessage(), refused.code().name());
        } catch (AudioRejected rejected) {
            fail(
                    trainingJobId,
                    "The sample's recording could not be read again: " + rejected.getMessage(),
                    ErrorCode.SAMPLE_NOT_PROCESSED.name());
        } catch (IllegalArgumentException unusable) {
            fail(
                    trainingJobId,
                    "The sample cannot be trained on: " + unusable.getMessage(),
                    ErrorCode.SAMPLE_NOT_PROCESSED.name());
        } catch (RuntimeException e) {
            log.warn("Training {} failed", trainingJobId, e);
            fail(trainingJobId, "Training failed: " + e.getClass().getSimpleName(), ErrorCode.INTERNAL_ERROR.name());
        }
    }

    /**
     * A pending job whose clone is still pending or fitting: not to be claimed yet. The read models may lag a
     * moment behind the events that brought the job here (its creation, its clone's fit ending), so each is
     * given {@link #VIEW_LAG} to show them; a job still not visible then is left for its saga's next hand-over.
     */
    private boolean waitingForItsClone(String trainingJobId) {
        Optional<TrainingView> job = awaitView(
                () -> queries.query(
                                new FindTrainingJobQuery(trainingJobId),
                                ResponseTypes.optionalInstanceOf(TrainingView.class))
                        .join(),
                j -> true);
        if (job.isEmpty()) {
            return true;
        }
        if (job.get().status() != TrainingStatus.PENDING) {
            return false;
        }
        Optional<CloneView> clone = clone(job.get().cloneId());
        if (clone.filter(c -> c.status() == CloneStatus.TRAINING).isPresent()) {
            clone = awaitView(() -> clone(job.get().cloneId()), c -> c.status() != CloneStatus.TRAINING);
        }
        return clone.filter(c -> c.status() == CloneStatus.PENDING || c.status() == CloneStatus.TRAINING)
                .isPresent();
    }

    private static <T> Optional<T> awaitView(Supplier<Optional<T>> view, Predicate<T> wanted) {
        long end = System.nanoTime() + VIEW_LAG.toNanos();
        Optional<T> seen = view.get();
        while (seen.filter(wanted).isEmpty() && System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
            seen = view.get();
        }
        return seen;
    }

    private Optional<CloneView> clone(String cloneId) {
        return queries.query(new FindCloneQuery(cloneId), ResponseTypes.optionalInstanceOf(CloneView.class))
                .join();
    }

    /** The sample's audio as 16 kHz mono, decoded within the limits every upload was held to. */
    private float[] recording(SampleView sample) {
        RecordingCollector recording = new RecordingCollector();
        try (InputStream in = blobs.open(sample.audio().blobKey(), 0)) {
            AudioStreamDecoder.decode(in, -1, AudioLimits.UPLOADS, recording);
        } catch (IOException e) {
            throw new DomainException(
                    ErrorCode.SAMPLE_NOT_PROCESSED,
                    "The sample's recording could not be read: " + e.getClass().getSimpleName());
        }
        return recording.finish().mono16k();
    }

    private void fail(String trainingJobId, String reason, String code) {
        try {
            commands.sendAndWait(new FailTrainingCommand(trainingJobId, reason, code));
        } catch (RuntimeException gone) {
            log.info("Training {} could not be marked failed: {}", trainingJobId, gone.getMessage());
        }
    }
}
