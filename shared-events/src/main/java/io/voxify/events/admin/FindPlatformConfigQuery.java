package io.voxify.events.admin;

/** The configuration in force, if anyone ever changed it. */
public record FindPlatformConfigQuery() {}
