package io.voxify.saga.work.rabbit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.voxify.saga.sample.SampleTask;
import java.util.Map;

/**
 * One piece of work on the broker: what to do ({@code kind}), to what, which attempt, and the
 * correlation metadata of the message that queued it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkMessage(String kind, String id, Integer attempt, SampleTask sample, Map<String, Object> metadata) {
    public static final String SYNTHESIS = "synthesis";
    public static final String SAMPLE = "sample";
    public static final String CLONE = "clone";
    public static final String TRAINING = "training";
}
