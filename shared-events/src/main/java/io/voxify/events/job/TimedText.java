package io.voxify.events.job;

/** A word or sentence of the job's text and where it is heard, in seconds from the start. */
public record TimedText(String text, String type, double start, double end, int charStart, int charEnd) {}
