package io.voxify.events.job;

/** How many jobs the read model holds in each status (deleted jobs are gone from it). */
public record CountJobsByStatusQuery() {}
