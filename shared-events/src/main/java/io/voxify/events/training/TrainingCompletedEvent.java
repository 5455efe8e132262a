package io.voxify.events.training;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * The training's end: the profile it trained and its quality, next to the quality of the profile it started
 * from, measured the same way in the same run.
 *
 * <p>Revision 2 added {@code startQuality} and {@code qualityEnhanced} (null in a revision 1 event: nothing
 * was compared then), and the pause factor of the profile.
 *
 * @param qualityEnhanced whether the training measurably improved the voice, see {@code TrainingJob}
 */
@Revision("2")
public record TrainingCompletedEvent(
        String trainingJobId,
        String cloneId,
        @PersonalData(KeyScope.TRAINING) CloneProfile bestProfile,
        double bestLoss,
        CloneQuality quality,
        long processingTimeMs,
        CloneQuality startQuality,
        Boolean qualityEnhanced) {}
