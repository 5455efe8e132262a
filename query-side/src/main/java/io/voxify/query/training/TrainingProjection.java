package io.voxify.query.training;

import com.fasterxml.jackson.core.type.TypeReference;
import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.training.AverageEpochTimeQuery;
import io.voxify.events.training.FindTrainingJobQuery;
import io.voxify.events.training.FindTrainingJobsQuery;
import io.voxify.events.training.FindUserTrainingJobsQuery;
import io.voxify.events.training.TrainingCompletedEvent;
import io.voxify.events.training.TrainingEpochCompletedEvent;
import io.voxify.events.training.TrainingFailedEvent;
import io.voxify.events.training.TrainingJobCreatedEvent;
import io.voxify.events.training.TrainingJobList;
import io.voxify.events.training.TrainingSettings;
import io.voxify.events.training.TrainingStartedEvent;
import io.voxify.events.training.TrainingStatus;
import io.voxify.events.training.TrainingView;
import io.voxify.events.user.AccountDeletedEvent;
import io.voxify.query.support.JsonColumns;
import io.voxify.query.support.ViewUpdates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Training jobs with their loss curves; every epoch is emitted to the job's progress stream. */
@Component
@ProcessingGroup(TrainingProjection.PROCESSING_GROUP)
public class TrainingProjection {
    public static final String PROCESSING_GROUP = "training";
    private static final TypeReference<List<TrainingView.EpochLoss>> LOSSES = new TypeReference<>() {};

    private final TrainingRepository trainings;
    private final ViewUpdates views;
    private final JsonColumns json;

    public TrainingProjection(TrainingRepository trainings, ViewUpdates views, JsonColumns json) {
        this.trainings = trainings;
        this.views = views;
        this.json = json;
    }

    @EventHandler
    void on(TrainingJobCreatedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        if (trainings.existsById(e.trainingJobId())) {
            return; // a creation handled again: the row has it, and maybe later events too
        }
        TrainingEntity row = new TrainingEntity();
        row.trainingJobId = e.trainingJobId();
        row.userId = e.userId();
        row.sampleId = e.sampleId();
        row.cloneId = e.cloneId();
        row.settingsJson = json.write(e.settings());
        row.batchSize = e.settings().batchSize();
        row.sentencesPerEpoch = e.sentencesPerEpoch();
        row.buildsClone = e.buildsClone();
        row.status = TrainingStatus.PENDING.name();
        row.progress = 0;
        row.epochsDone = 0;
        row.fullEpochMs = 0;
        row.fullEpochs = 0;
        row.lossesJson = json.write(List.of());
        row.estimatedSeconds = e.estimatedSeconds();
        row.createdAt = at.toEpochMilli();
        save(row, seq, at);
    }

    /**
     * A deleted account's training runs keep their facts (epochs, losses, times: the epoch-time estimate learns
     * from them) and lose the voice profiles they trained, which describe the person's voice.
     */
    @EventHandler
    void on(AccountDeletedEvent e) {
        for (TrainingEntity row : trainings.findByUserId(e.userId())) {
            row.bestProfileJson = null;
            trainings.save(row);
        }
    }

    @EventHandler
    void on(TrainingStartedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.trainingJobId(), seq, at, row -> {
            row.status = TrainingStatus.PROCESSING.name();
            row.startedAt = at.toEpochMilli();
        });
    }

    @EventHandler
    void on(TrainingEpochCompletedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.trainingJobId(), seq, at, row -> {
            List<TrainingView.EpochLoss> losses = new ArrayList<>(json.read(row.lossesJson, LOSSES));
            losses.removeIf(l -> l.epoch() >= e.epoch());
            losses.add(new TrainingView.EpochLoss(e.epoch(), e.loss(), e.elapsedMs()));
            row.lossesJson = json.write(losses);
            row.epochsDone = e.epoch();
            row.fullEpochMs = losses.stream()
                    .filter(l -> l.epoch() > 1)
                    .mapToLong(TrainingView.EpochLoss::elapsedMs)
                    .sum();
            row.fullEpochs = (int) losses.stream().filter(l -> l.epoch() > 1).count();
            row.progress = Math.min(99.0, 100.0 * e.epoch() / e.epochs());
            if (row.bestLoss == null || e.loss() < row.bestLoss) {
                row.bestLoss = e.loss();
                row.bestProfileJson = json.write(e.profile());
            }
        });
    }

    @EventHandler
    void on(TrainingCompletedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.trainingJobId(), seq, at, row -> {
            row.status = TrainingStatus.COMPLETED.name();
            row.progress = 100;
            row.bestLoss = e.bestLoss();
            row.bestProfileJson = json.write(e.bestProfile());
            row.qualityJson = json.write(e.quality());
            row.startQualityJson = json.write(e.startQuality());
            row.qualityEnhanced = e.qualityEnhanced();
            row.completedAt = at.toEpochMilli();
        });
    }

    @EventHandler
    void on(TrainingFailedEvent e, @Timestamp Instant at, @SequenceNumber long seq) {
        change(e.trainingJobId(), seq, at, row -> {
            row.status = TrainingStatus.FAILED.name();
            row.errorMessage = e.reason();
            row.completedAt = at.toEpochMilli();
        });
    }

    @ResetHandler
    void reset() {
        trainings.deleteAllInBatch();
    }

    @QueryHandler
    public Optional<TrainingView> handle(FindTrainingJobQuery query) {
        return trainings.findById(query.trainingJobId()).map(this::toView);
    }

    @QueryHandler
    public TrainingJobList handle(FindTrainingJobsQuery query) {
        var page = trainings.findByStatusIn(
                query.statuses().stream().map(Enum::name).toList(),
                org.springframework.data.domain.PageRequest.of(
                        query.offset() / query.limit(),
                        query.limit(),
                        org.springframework.data.domain.Sort.by("createdAt", "trainingJobId")));
        return new TrainingJobList(page.getContent().stream().map(this::toView).toList());
    }

    @QueryHandler
    public TrainingJobList handle(FindUserTrainingJobsQuery query) {
        var page = trainings.findByUserId(
                query.userId(),
                org.springframework.data.domain.PageRequest.of(
                        query.offset() / query.limit(),
                        query.limit(),
                        org.springframework.data.domain.Sort.by("createdAt", "trainingJobId")));
        return new TrainingJobList(page.getContent().stream().map(this::toView).toList());
    }

    @QueryHandler
    public Double handle(AverageEpochTimeQuery query) {
        Double average = trainings.averageEpochMsPerSentence();
        return average == null ? -1.0 : average;
    }

    private void change(String id, long seq, Instant at, Consumer<TrainingEntity> mutation) {
        trainings.findById(id).ifPresent(row -> {
            if (seq <= row.version) {
                return; // applied already: a redelivery, or a batch handled again after its token moved
            }
            mutation.accept(row);
            save(row, seq, at);
        });
    }

    private void save(TrainingEntity row, long seq, Instant at) {
        row.version = Math.max(row.version, seq);
        row.updatedAt = Math.max(row.updatedAt, at.toEpochMilli());
        trainings.save(row);
        TrainingView view = toView(row);
        views.emit(FindTrainingJobQuery.class, row.trainingJobId, view);
    }

    TrainingView toView(TrainingEntity row) {
        return new TrainingView(
                row.trainingJobId,
                row.version,
                row.userId,
                row.sampleId,
                row.cloneId,
                json.read(row.settingsJson, TrainingSettings.class),
                TrainingStatus.valueOf(row.status),
                row.progress,
                row.epochsDone,
                json.read(row.lossesJson, LOSSES),
                row.bestLoss,
                json.read(row.bestProfileJson, CloneProfile.class),
                json.read(row.qualityJson, CloneQuality.class),
                row.estimatedSeconds,
                row.errorMessage,
                Instant.ofEpochMilli(row.createdAt),
                Instant.ofEpochMilli(row.updatedAt),
                row.startedAt == null ? null : Instant.ofEpochMilli(row.startedAt),
                row.completedAt == null ? null : Instant.ofEpochMilli(row.completedAt),
                Boolean.TRUE.equals(row.buildsClone),
                json.read(row.startQualityJson, CloneQuality.class),
                row.qualityEnhanced);
    }
}
