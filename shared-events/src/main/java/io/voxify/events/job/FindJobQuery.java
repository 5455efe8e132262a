package io.voxify.events.job;

public record FindJobQuery(String jobId) {}
