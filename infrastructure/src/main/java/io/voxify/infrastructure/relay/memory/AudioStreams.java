package io.voxify.infrastructure.relay.memory;

import io.voxify.infrastructure.relay.AudioRelay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The in-memory {@link AudioRelay}: the audio of running jobs, sentence by sentence, for readers in this
 * process that stream it while the job is still synthesising (the embedded default; several nodes relay
 * through Redis instead).
 *
 * <p>Chunks are 16-bit little-endian mono PCM at the stream's sample rate, kept until the attempt ends plus
 * a grace period, so a reader that arrives late still gets the audio from the start. The registry is
 * bounded: when a chunk would take it over its byte budget, streams that have ended are dropped first,
 * oldest first; if that is not enough the stream ends as {@link End#OVERFLOWED} (its chunks stay, no more
 * are added) and its readers continue from the stored file once the job completes.
 *
 * <p>Publishing never waits for a reader: a chunk is appended under a short lock and readers copy from the
 * list at their own pace.
 */
public final class AudioStreams implements AudioRelay {

    /** A registry that keeps nothing: every stream overflows at once. */
    public static AudioStreams disabled() {
        return new AudioStreams(0, Duration.ZERO);
    }

    private final long maxBytes;
    private final long graceNanos;
    private final LongSupplier clock;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private long bytes; // guarded by this

    public AudioStreams(long maxBytes, Duration grace) {
        this(maxBytes, grace, System::nanoTime);
    }

    AudioStreams(long maxBytes, Duration grace, LongSupplier clock) {
        this.maxBytes = maxBytes;
        this.graceNanos = grace.toNanos();
        this.clock = clock;
    }

    @Override
    public Stream open(String jobId, int attempt, int sampleRate) {
        Stream previous;
        Stream stream = new Stream(jobId, attempt, sampleRate);
        synchronized (this) {
            evictExpired();
            previous = streams.put(jobId, stream);
            if (previous != null) {
                bytes -= previous.bytes();
            }
        }
        if (previous != null) {
            previous.end(End.FAILED);
        }
        return stream;
    }

    @Override
    public Optional<Source> find(String jobId) {
        Stream stream = streams.get(jobId);
        if (stream != null && stream.expired()) {
            remove(stream);
            return Optional.empty();
        }
        return Optional.ofNullable(stream);
    }

    /** Its readers see the stream end as abandoned; the chunks go with the stream. */
    @Override
    public void discard(String jobId) {
        Stream stream = streams.get(jobId);
        if (stream != null) {
            remove(stream);
            stream.end(End.ABANDONED);
        }
    }

    /** Bytes of audio held now. */
    public synchronized long bytes() {
        return bytes;
    }

    private synchronized boolean reserve(Stream stream, int size) {
        if (streams.get(stream.jobId) != stream) {
            return false;
        }
        if (bytes + size > maxBytes) {
            evictExpired();
            List<Stream> ended = new ArrayList<>();
            for (Stream s : streams.values()) {
                if (s != stream && s.endedAt() != Long.MIN_VALUE) {
                    ended.add(s);
                }
            }
            ended.sort((a, b) -> Long.compare(a.endedAt(), b.endedAt()));
            Iterator<Stream> oldest = ended.iterator();
            while (bytes + size > maxBytes && oldest.hasNext()) {
                Stream gone = oldest.next();
                streams.remove(gone.jobId, gone);
                bytes -= gone.bytes();
            }
            if (bytes + size > maxBytes) {
                return false;
            }
        }
        bytes += size;
        return true;
    }

    private synchronized void remove(Stream stream) {
        if (streams.remove(stream.jobId, stream)) {
            bytes -= stream.bytes();
        }
    }

    private void evictExpired() {
        streams.values().removeIf(s -> {
            if (s.expired()) {
                bytes -= s.bytes();
                return true;
            }
            return false;
        });
    }

    /** One attempt's audio. The worker appends and ends it; any number of readers follow it. */
    public final class Stream implements Sink, Source {
        private final String jobId;
        private final int attempt;
        private final int sampleRate;
        private final List<byte[]> chunks = new ArrayList<>();
        private long size;
        private End end;
        private long endedAt = Long.MIN_VALUE;

        private Stream(String jobId, int attempt, int sampleRate) {
            this.jobId = jobId;
            this.attempt = attempt;
            this.sampleRate = sampleRate;
        }

        public String jobId() {
            return jobId;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public int sampleRate() {
            return sampleRate;
        }

        @Override
        public void publish(byte[] pcm) {
            if (pcm.length == 0) {
                return;
            }
            synchronized (this) {
                if (end != null) {
                    return;
                }
            }
            if (!reserve(this, pcm.length)) {
                end(End.OVERFLOWED);
                return;
            }
            boolean added;
            synchronized (this) {
                added = end == null;
                if (added) {
                    chunks.add(pcm);
                    size += pcm.length;
                    notifyAll();
                }
            }
            if (!added) {
                release(pcm.length); // outside this stream's lock: the registry's lock is always taken first
            }
        }

        @Override
        public synchronized void end(End how) {
            if (end == null) {
                end = how;
                endedAt = clock.getAsLong();
                notifyAll();
            }
        }

        @Override
        public synchronized Next await(int index, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (index >= chunks.size() && end == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new Next(null, null);
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return index < chunks.size() ? new Next(chunks.get(index), null) : new Next(null, end);
        }

        synchronized long bytes() {
            return size;
        }

        synchronized long endedAt() {
            return endedAt;
        }

        synchronized boolean expired() {
            return end != null && clock.getAsLong() - endedAt > graceNanos;
        }
    }

    private synchronized void release(long size) {
        bytes -= size;
    }
}
