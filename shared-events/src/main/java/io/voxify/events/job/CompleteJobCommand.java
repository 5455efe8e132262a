package io.voxify.events.job;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteJobCommand(
        @TargetAggregateIdentifier String jobId,
        int attempt,
        AudioOutput output,
        List<TimedText> timestamps,
        long processingTimeMs,
        long engineCpuMs) {}
