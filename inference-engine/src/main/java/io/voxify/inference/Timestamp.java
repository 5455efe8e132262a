package io.voxify.inference;

/**
 * One timed unit of speech. Times are seconds from the start of the output audio; character offsets
 * point into the request text (end exclusive).
 *
 * @param type "word" or "sentence"
 */
public record Timestamp(String text, String type, double start, double end, int charStart, int charEnd) {
}
