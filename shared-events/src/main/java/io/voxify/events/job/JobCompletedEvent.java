package io.voxify.events.job;

import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record JobCompletedEvent(
        String jobId,
        String userId,
        int attempt,
        AudioOutput output,
        @PersonalData(KeyScope.JOB) List<TimedText> timestamps,
        long processingTimeMs,
        long engineCpuMs) {}
