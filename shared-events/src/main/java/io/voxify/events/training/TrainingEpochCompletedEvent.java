package io.voxify.events.training;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** Revision 2: its profile has a pause factor. */
@Revision("2")
public record TrainingEpochCompletedEvent(
        String trainingJobId,
        int epoch,
        int epochs,
        double loss,
        @PersonalData(KeyScope.TRAINING) CloneProfile profile,
        long elapsedMs) {}
