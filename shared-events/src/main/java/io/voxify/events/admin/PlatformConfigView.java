package io.voxify.events.admin;

import java.time.Instant;

/** The configuration in force, with its version (the aggregate's sequence) and its last change. */
public record PlatformConfigView(PlatformConfig config, long version, Instant updatedAt, String updatedBy) {}
