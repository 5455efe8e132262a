package io.voxify.events.training;

/** Mean measured time of one epoch per batch item over past training, in ms; answered -1 when none yet. */
public record AverageEpochTimeQuery() {
}
