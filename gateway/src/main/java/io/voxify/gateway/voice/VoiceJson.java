package io.voxify.gateway.voice;

import io.voxify.events.clone.CloneStatus;
import io.voxify.events.sample.SampleStatus;
import java.util.Arrays;
import java.util.List;

/** What the clone and sample answers, and a generation job's progress stream, share. */
final class VoiceJson {

    private VoiceJson() {}

    static String generationStatus(CloneStatus status) {
        return switch (status) {
            case PENDING -> "pending";
            case TRAINING -> "processing";
            case READY -> "completed";
            case FAILED -> "failed";
        };
    }

    static List<String> statusNames(SampleStatus[] values) {
        return Arrays.stream(values).map(SampleStatus::wireName).toList();
    }
}
