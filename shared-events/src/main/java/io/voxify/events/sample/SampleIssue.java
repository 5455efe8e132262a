package io.voxify.events.sample;

/** A validation finding: TOO_SHORT, TOO_NOISY, CLIPPED, TOO_QUIET or NO_SPEECH, with its reason. */
public record SampleIssue(String code, String reason) {}
