package io.voxify.events.common;

/**
 * Names of Axon components declared in one module and configured or watched from another: the handlers
 * declare them ({@code @ProcessingGroup}, {@code @Aggregate(cache = ...)}), the application's wiring and its
 * administration refer to them. They live with the messages so that neither side needs the other's classes.
 */
public final class AxonNames {
    /** The processing group of the job list and audio-file read models. */
    public static final String JOBS_PROCESSING_GROUP = "jobs";
    /** The processing group of the voice-sample read model. */
    public static final String SAMPLES_PROCESSING_GROUP = "samples";
    /** The bean that keeps synthesis jobs loaded between their commands (where the node allows it). */
    public static final String SYNTHESIS_JOB_CACHE = "synthesisJobCache";

    private AxonNames() {}
}
