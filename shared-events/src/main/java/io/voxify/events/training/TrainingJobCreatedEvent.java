package io.voxify.events.training;

import io.voxify.events.common.OwnedByUser;
import org.axonframework.serialization.Revision;

@Revision("1")
public record TrainingJobCreatedEvent(String trainingJobId, String userId, String sampleId, String cloneId,
                                      TrainingSettings settings, double estimatedSeconds) implements OwnedByUser {
}
