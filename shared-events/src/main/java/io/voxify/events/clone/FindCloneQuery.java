package io.voxify.events.clone;

public record FindCloneQuery(String cloneId) {}
