package io.voxify.events.sample;

/**
 * The answer to {@link ProcessVoiceSampleCommand}: the run in force and the sample's state.
 *
 * @param started true when the command started this run, false when the sample already had one (running or
 *                finished) and kept it
 */
public record SampleProcessingRun(String processingJobId, SampleStatus status, boolean started) {}
