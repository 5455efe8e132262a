package io.voxify.events.audit;

/** Whose an aggregate is and what kind it is, from its own events; empty when it never existed. */
public record FindAggregateOwnerQuery(String aggregateId) {}
