package io.voxify.events.sample;

public record FindSampleQuery(String sampleId) {}
