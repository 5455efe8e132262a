package io.voxify.saga.sample;

/** One processing run of one sample: everything a worker needs to find the recording. */
public record SampleTask(String sampleId, String processingJobId, String userId, String blobKey) {}
