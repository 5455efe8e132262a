package io.voxify.events.training;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import org.axonframework.serialization.Revision;

@Revision("1")
public record TrainingCompletedEvent(String trainingJobId, String cloneId, CloneProfile bestProfile, double bestLoss,
                                     CloneQuality quality, long processingTimeMs) {
}
