package io.voxify.events.job;

import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record JobCompletedEvent(
        String jobId,
        String userId,
        int attempt,
        AudioOutput output,
        List<TimedText> timestamps,
        long processingTimeMs,
        long engineCpuMs) {}
