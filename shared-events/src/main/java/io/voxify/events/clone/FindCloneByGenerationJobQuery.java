package io.voxify.events.clone;

/** The clone a generation job builds; answered with an optional {@link CloneView}. */
public record FindCloneByGenerationJobQuery(String generationJobId) {}
