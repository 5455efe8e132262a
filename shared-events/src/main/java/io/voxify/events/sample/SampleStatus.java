package io.voxify.events.sample;

public enum SampleStatus {
    UPLOADED,
    PROCESSING,
    PROCESSED,
    REJECTED;

    public String wireName() {
        return name().toLowerCase();
    }

    public static SampleStatus fromWire(String value) {
        return SampleStatus.valueOf(value.trim().toUpperCase());
    }
}
