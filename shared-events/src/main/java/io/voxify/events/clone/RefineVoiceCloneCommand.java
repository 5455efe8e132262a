package io.voxify.events.clone;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A training job found a better profile for a ready clone. */
public record RefineVoiceCloneCommand(
        @TargetAggregateIdentifier String cloneId, String trainingJobId, CloneProfile profile, CloneQuality quality) {}
