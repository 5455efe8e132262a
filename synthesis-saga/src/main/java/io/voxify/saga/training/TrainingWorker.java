package io.voxify.saga.training;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.events.clone.RefineVoiceCloneCommand;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.training.CompleteTrainingCommand;
import io.voxify.events.training.FailTrainingCommand;
import io.voxify.events.training.RecordTrainingEpochCommand;
import io.voxify.events.training.StartTrainingCommand;
import io.voxify.events.training.TrainingWork;
import io.voxify.inference.voice.CloneEvaluation;
import io.voxify.inference.voice.CloneTarget;
import io.voxify.inference.voice.EpochResult;
import io.voxify.inference.voice.ProfileTrainer;
import io.voxify.inference.voice.TrainingConfig;
import io.voxify.inference.voice.VoiceFitter;
import io.voxify.inference.voice.VoiceProfile;
import io.voxify.saga.clone.CloneWorker;
import java.util.Comparator;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a clone's profile against one sample: each epoch synthesises, measures and adjusts,
 * and is recorded with its loss. The best profile found is measured on the check sentence and,
 * when it beats the clone's current one, becomes the clone's profile.
 */
public class TrainingWorker {
    private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CloneWorker clones;
    private final ProfileTrainer trainer;
    private final VoiceFitter fitter;
    private final String workerId;

    public TrainingWorker(CommandGateway commands, QueryGateway queries, CloneWorker clones, ProfileTrainer trainer,
                          VoiceFitter fitter, String workerId) {
        this.commands = commands;
        this.queries = queries;
        this.clones = clones;
        this.trainer = trainer;
        this.fitter = fitter;
        this.workerId = workerId;
    }

    public void run(String trainingJobId) {
        TrainingWork work;
        try {
            work = commands.sendAndWait(new StartTrainingCommand(trainingJobId, workerId));
        } catch (RuntimeException refused) {
            log.info("Training {} not started: {}", trainingJobId, refused.getMessage());
            return;
        }
        long started = System.nanoTime();
        try {
            CloneView clone = queries.query(new FindCloneQuery(work.cloneId()),
                    ResponseTypes.optionalInstanceOf(CloneView.class)).join()
                    .filter(c -> c.status() == CloneStatus.READY && c.profile() != null)
                    .orElseThrow(() -> new DomainException(ErrorCode.CLONE_NOT_READY,
                            "Clone " + work.cloneId() + " is no longer ready"));
            CloneTarget target = clones.targetOf(work.userId(), List.of(work.sampleId()), clone.language());
            VoiceProfile start = CloneWorker.voiceProfile(clone.profile());
            var settings = work.settings();
            long[] previousElapsed = {0};
            List<EpochResult> epochs = trainer.train(start, target,
                    new TrainingConfig(settings.epochs(), settings.learningRate(), settings.batchSize()),
                    epoch -> {
                        // The trainer reports time since it started; each event records its own epoch's time.
                        long epochMs = epoch.elapsedMillis() - previousElapsed[0];
                        previousElapsed[0] = epoch.elapsedMillis();
                        commands.sendAndWait(new RecordTrainingEpochCommand(trainingJobId, epoch.epoch(),
                                epoch.loss(), CloneWorker.profile(epoch.profile()), epochMs));
                    });
            EpochResult best = epochs.stream().min(Comparator.comparingDouble(EpochResult::loss))
                    .orElseThrow(() -> new IllegalStateException("training produced no epoch"));
            CloneEvaluation evaluation = fitter.evaluate(best.profile(), target);
            CloneProfile bestProfile = CloneWorker.profile(best.profile());
            var quality = CloneWorker.quality(target, evaluation);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            commands.sendAndWait(new CompleteTrainingCommand(trainingJobId, bestProfile, best.loss(), quality, elapsedMs));
            boolean better = clone.quality() == null || quality.qualityScore() >= clone.quality().qualityScore();
            if (better) {
                commands.sendAndWait(new RefineVoiceCloneCommand(work.cloneId(), trainingJobId, bestProfile, quality));
            }
        } catch (DomainException refused) {
            fail(trainingJobId, refused.getMessage(), refused.code().name());
        } catch (RuntimeException e) {
            log.warn("Training {} failed", trainingJobId, e);
            fail(trainingJobId, "Training failed: " + e.getClass().getSimpleName(), ErrorCode.INTERNAL_ERROR.name());
        }
    }

    private void fail(String trainingJobId, String reason, String code) {
        try {
            commands.sendAndWait(new FailTrainingCommand(trainingJobId, reason, code));
        } catch (RuntimeException gone) {
            log.info("Training {} could not be marked failed: {}", trainingJobId, gone.getMessage());
        }
    }
}
