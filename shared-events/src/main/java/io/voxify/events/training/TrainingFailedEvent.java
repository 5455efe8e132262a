package io.voxify.events.training;

import org.axonframework.serialization.Revision;

@Revision("1")
public record TrainingFailedEvent(String trainingJobId, String reason, String errorCode) {}
