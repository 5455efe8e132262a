package io.voxify.events.training;

public record TrainingWork(
        String trainingJobId, String userId, String sampleId, String cloneId, TrainingSettings settings) {}
