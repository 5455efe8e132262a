package io.voxify.infrastructure.relay;

import java.time.Duration;
import java.util.Optional;

/**
 * The audio of running jobs on its way from the worker that synthesises them to the readers that stream
 * it, sentence by sentence, while the job is still running. A port with two adapters, chosen by
 * {@code voxify.streaming.relay}: {@link AudioStreams} in this process's memory (the embedded default,
 * where worker and API are one JVM), or Redis streams (the infra profile, where a worker node synthesises
 * and any API node streams).
 *
 * <p>Chunks are 16-bit little-endian mono PCM at the stream's sample rate. A stream is one attempt of a
 * job; opening a new attempt ends the previous one as {@link End#FAILED}. A stream is kept for a grace
 * period after it ends, so a reader that arrives late still gets the audio from the start.
 */
public interface AudioRelay {

    /** Starts the stream of a job's attempt, replacing any earlier attempt's. Never fails the job. */
    Sink open(String jobId, int attempt, int sampleRate);

    /** The job's current stream, if its attempt is running or ended within the grace period. */
    Optional<Source> find(String jobId);

    /**
     * Drops the job's streams at once, grace period or not: a deleted job's audio speaks its text, which must not
     * stay readable anywhere. Never fails (a relay that cannot be reached lets the streams expire by themselves).
     */
    void discard(String jobId);

    /** How a stream's attempt ended. */
    enum End {
        /** Every chunk is there; the job's file is being recorded. */
        COMPLETED,
        /** The attempt failed; the job may be retried (a new stream) or fail. */
        FAILED,
        /** The job was cancelled or deleted while synthesising. */
        ABANDONED,
        /** The chunks stop short (a budget ran out, or the relay lost them): the rest is in the stored file. */
        OVERFLOWED
    }

    /** The worker's end of a stream. Publishing never waits for a reader. */
    interface Sink {
        /** Appends a chunk; past the budget (or when the relay fails) the stream ends as overflowed. */
        void publish(byte[] pcm);

        /** Ends the stream; the first end counts. */
        void end(End how);
    }

    /** A reader's view of one stream: chunk by chunk from the start, then how it ended. */
    interface Source extends AutoCloseable {
        int attempt();

        int sampleRate();

        /**
         * Chunk {@code index}, or how the stream ended, waiting up to {@code timeout} for either. Indexes are
         * read in order from 0; a source may forget the chunks it has handed out.
         */
        Next await(int index, Duration timeout) throws InterruptedException;

        /** Lets go of what the reader held (a connection, for a relay over the network). */
        @Override
        default void close() {}
    }

    /** What a reader gets next: a chunk, or the end, or neither yet. */
    record Next(byte[] chunk, End end) {
        public boolean waiting() {
            return chunk == null && end == null;
        }
    }
}
