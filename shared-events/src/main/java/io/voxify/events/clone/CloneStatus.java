package io.voxify.events.clone;

public enum CloneStatus {
    PENDING,
    TRAINING,
    READY,
    FAILED;

    public String wireName() {
        return name().toLowerCase();
    }
}
