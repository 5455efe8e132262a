package io.voxify.inference;

/**
 * One timed unit of speech. Times are seconds from the start of the output audio; character offsets
 * point into the request text (end exclusive).
 *
 * @param type "word", "sentence" or "mark"; a mark (SSML {@code <mark>}) has its name as text, one instant as
 *             start and end, and its place in the document as both offsets
 */
public record Timestamp(String text, String type, double start, double end, int charStart, int charEnd) {

    public static final String MARK = "mark";
}
