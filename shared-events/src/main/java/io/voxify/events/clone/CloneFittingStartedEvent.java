package io.voxify.events.clone;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CloneFittingStartedEvent(String cloneId, int attempt, String workerId) {}
