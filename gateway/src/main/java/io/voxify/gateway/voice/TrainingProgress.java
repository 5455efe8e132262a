package io.voxify.gateway.voice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.training.TrainingView;
import io.voxify.gateway.web.sse.StreamedState;

/**
 * One state of a training job on its progress stream: one per epoch.
 *
 * @param epoch        epochs done
 * @param loss         the last epoch's loss, null before the first
 * @param errorMessage only when the training has an error; the key is absent otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainingProgress(
        String trainingJobId,
        String status,
        double progress,
        int epoch,
        int epochs,
        Double loss,
        Double bestLoss,
        @JsonInclude(JsonInclude.Include.NON_NULL) String errorMessage)
        implements StreamedState {

    public static TrainingProgress of(TrainingView t) {
        return new TrainingProgress(
                t.trainingJobId(),
                t.status().wireName(),
                t.progress(),
                t.epochsDone(),
                t.settings().epochs(),
                t.losses().isEmpty()
                        ? null
                        : t.losses().get(t.losses().size() - 1).loss(),
                t.bestLoss(),
                t.errorMessage());
    }

    /** The whole state: it carries no time. */
    @Override
    public TrainingProgress withoutTime() {
        return this;
    }
}
