package io.voxify.inference.engine;

/**
 * A word as an engine spoke it: its range in the text handed to the engine and its time span in seconds
 * from the start of the audio the engine returned.
 */
public record WordTiming(int charStart, int charEnd, double start, double end) {}
