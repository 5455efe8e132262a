package io.voxify.events.user;

public enum Role {
    USER,
    AUDITOR,
    ADMIN;

    public String wireName() {
        return name().toLowerCase();
    }

    public static Role fromWire(String value) {
        return Role.valueOf(value.trim().toUpperCase());
    }
}
