package io.voxify.gateway.admin;

/**
 * One event processor as an administrator sees it. Positions are global indexes in the event
 * store: {@code position} is the last event the processor handled (null before its first
 * token exists), {@code head} the newest event stored, {@code lag} the distance between them.
 * {@code replayProgress} (0–1) is set only while a replay runs; {@code deadLetters} only for
 * processors with a dead-letter queue.
 */
public record ProjectionStatus(
        String name,
        Kind kind,
        boolean replayable,
        State status,
        Long position,
        long head,
        long lag,
        Double replayProgress,
        Long deadLetters,
        String error) {

    /** What a processor's handlers are, which decides whether replaying it is safe. */
    public enum Kind {
        /** Read models with a reset handler: a replay empties and rebuilds them. */
        PROJECTION,
        /** Process managers: replaying them would send their commands again. */
        SAGA,
        /** Handlers that act on the world (removing blobs, vectors): never replayed. */
        CLEANUP;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    public enum State {
        RUNNING,
        REPLAYING,
        STOPPED,
        ERROR;

        public String wireName() {
            return name().toLowerCase();
        }
    }
}
