package io.voxify.events.training;

public record TrainingSettings(int epochs, double learningRate, int batchSize, boolean timestampAlignment) {
}
