package io.voxify.events.training;

import org.axonframework.serialization.Revision;

@Revision("1")
public record TrainingStartedEvent(String trainingJobId, String workerId) {}
