package io.voxify.events.audit;

/** The aggregate's type (e.g. {@code SynthesisJob}) and the user who owns it. */
public record AggregateOwner(String aggregateId, String aggregateType, String userId) {}
