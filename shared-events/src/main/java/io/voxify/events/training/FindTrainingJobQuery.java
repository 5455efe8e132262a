package io.voxify.events.training;

public record FindTrainingJobQuery(String trainingJobId) {}
