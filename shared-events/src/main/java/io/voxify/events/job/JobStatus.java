package io.voxify.events.job;

public enum JobStatus {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public String wireName() {
        return name().toLowerCase();
    }

    public static JobStatus fromWire(String value) {
        return JobStatus.valueOf(value.trim().toUpperCase());
    }
}
