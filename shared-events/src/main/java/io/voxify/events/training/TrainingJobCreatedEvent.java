package io.voxify.events.training;

import io.voxify.events.common.OwnedByUser;
import org.axonframework.serialization.Revision;

/**
 * A training job, created pending. Revision 2 added {@code buildsClone} (false before: training then only
 * refined existing clones) and {@code sentencesPerEpoch}, the check sentences each epoch speaks (before, the
 * batch size was that number).
 *
 * @param buildsClone       the clone was created for this training, from the sample, and is trained once it is
 *                          ready
 * @param sentencesPerEpoch what an epoch's measured time is per sentence of, for estimates of later trainings
 */
@Revision("2")
public record TrainingJobCreatedEvent(
        String trainingJobId,
        String userId,
        String sampleId,
        String cloneId,
        TrainingSettings settings,
        double estimatedSeconds,
        boolean buildsClone,
        int sentencesPerEpoch)
        implements OwnedByUser {}
