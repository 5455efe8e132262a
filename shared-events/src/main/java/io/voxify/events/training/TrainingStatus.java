package io.voxify.events.training;

public enum TrainingStatus {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED;

    public String wireName() {
        return name().toLowerCase();
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
