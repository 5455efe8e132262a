package io.voxify.saga.work.rabbit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.voxify.saga.sample.SampleTask;
import java.util.Map;

/**
 * One piece of work on the broker: what to do ({@code kind}), to what, which attempt, the correlation
 * metadata of the message that queued it, and whose it is ({@code userId}: the share it counts against;
 * absent from messages queued before shares were kept).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkMessage(String kind, String id, Integer attempt, SampleTask sample, Map<String, Object> metadata,
                          String userId) {
    public static final String SYNTHESIS = "synthesis";
    public static final String SAMPLE = "sample";
    public static final String CLONE = "clone";
    public static final String TRAINING = "training";

    /**
     * The message id on the broker, also the key of its slot in the owner's share: one per attempt, and for a
     * sample one per processing run (a sample may be processed again).
     */
    public String itemKey() {
        return kind + ":" + id + ":" + (sample != null ? sample.processingJobId() : attempt);
    }
}
