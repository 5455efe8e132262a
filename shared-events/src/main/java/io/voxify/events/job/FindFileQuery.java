package io.voxify.events.job;

/** By file id, or by the id of the job that made it. */
public record FindFileQuery(String fileOrJobId) {}
