package io.voxify.events.training;

import io.voxify.events.clone.CloneProfile;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordTrainingEpochCommand(
        @TargetAggregateIdentifier String trainingJobId,
        int epoch,
        double loss,
        CloneProfile profile,
        long elapsedMs) {}
