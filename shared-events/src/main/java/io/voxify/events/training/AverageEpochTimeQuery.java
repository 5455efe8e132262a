package io.voxify.events.training;

/** Mean measured time of one epoch per check sentence it spoke over past training, in ms; answered -1 when none yet. */
public record AverageEpochTimeQuery() {}
