package io.voxify.gateway.stream;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.FileView;
import io.voxify.events.job.FindFileQuery;
import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.inference.AudioDecoder;
import io.voxify.inference.audio.Mp3StreamEncoder;
import io.voxify.infrastructure.relay.AudioRelay;
import io.voxify.infrastructure.relay.StreamingProperties;
import io.voxify.infrastructure.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Writes a job's audio into a {@link ResponseBodyEmitter} from a thread of its own (a bounded pool, so no
 * Tomcat request thread waits on synthesis): the chunks its worker publishes through the {@link AudioRelay}
 * as they come (in this process, or from a worker node through Redis), else (its chunks were dropped for
 * memory, or it finished long ago) the stored file once the job has completed.
 *
 * <p>Before the first byte the response can still be an error: a job that fails or is cancelled while the
 * reader waits gets the 409 envelope. After it, a failure can only cut the stream short: the emitter ends
 * with an error, so the chunked body is not terminated cleanly.
 */
@Component
public class AudioStreamer implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(AudioStreamer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int FILE_CHUNK = 64 * 1024;

    private final AudioRelay streams;
    private final QueryGateway queries;
    private final BlobStore blobs;
    private final Duration timeout;
    private final ThreadPoolExecutor pool;

    public AudioStreamer(AudioRelay streams, QueryGateway queries, BlobStore blobs, StreamingProperties streaming) {
        this.streams = streams;
        this.queries = queries;
        this.blobs = blobs;
        this.timeout = streaming.timeout();
        int maxConcurrent = streaming.maxConcurrent();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, maxConcurrent, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "audio-stream-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** How long a stream may stay open; the emitter's timeout. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Starts streaming {@code job}'s audio into {@code emitter}; refuses (503) when every stream slot is busy.
     * {@code onEnd} is closed when the stream ends, however it ends (the caller's per-user slot).
     */
    void start(JobView job, StreamFormat format, ResponseBodyEmitter emitter, AutoCloseable onEnd) {
        Pump pump = new Pump(job.jobId(), job.settings().sampleRate(), format, emitter, onEnd);
        emitter.onTimeout(pump::stop);
        emitter.onError(e -> pump.stop());
        emitter.onCompletion(pump::stop);
        try {
            pool.execute(pump);
        } catch (RejectedExecutionException busy) {
            throw new DomainException(
                    ErrorCode.SERVICE_UNAVAILABLE, "Too many audio streams are open; try again shortly");
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.debug("Closing {} failed", resource, e);
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    /** Why a stream ends without its audio; before the first byte it becomes the error response. */
    private static final class Cut extends Exception {
        final DomainException reason;

        Cut(DomainException reason) {
            super(reason.getMessage(), null, false, false);
            this.reason = reason;
        }
    }

    private final class Pump implements Runnable {
        private final String jobId;
        private final int sampleRate;
        private final StreamFormat format;
        private final ResponseBodyEmitter emitter;
        private final AutoCloseable onEnd;
        private volatile boolean stopped;
        private Mp3StreamEncoder mp3;
        private boolean started;
        private long pcmSent;

        Pump(String jobId, int sampleRate, StreamFormat format, ResponseBodyEmitter emitter, AutoCloseable onEnd) {
            this.onEnd = onEnd;
            this.jobId = jobId;
            this.sampleRate = sampleRate;
            this.format = format;
            this.emitter = emitter;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            try {
                follow();
                finish();
                emitter.complete();
            } catch (Cut cut) {
                if (started) {
                    log.info("Audio stream of job {} cut short: {}", jobId, cut.getMessage());
                }
                // Before the first byte this becomes the error envelope; after it, an unfinished body.
                emitter.completeWithError(cut.reason);
            } catch (IOException | IllegalStateException gone) {
                log.debug("Audio stream of job {} ended by the client: {}", jobId, gone.getMessage());
                try {
                    emitter.completeWithError(gone);
                } catch (RuntimeException alreadyOver) {
                    log.trace("Stream already over", alreadyOver);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.completeWithError(e);
            } catch (RuntimeException e) {
                log.warn("Audio stream of job {} failed", jobId, e);
                emitter.completeWithError(e);
            } finally {
                if (mp3 != null) {
                    mp3.close();
                }
                closeQuietly(onEnd);
            }
        }

        /** Sends the job's audio until it is all sent. */
        private void follow() throws Cut, IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int skipAttemptsUpTo = 0; // attempts whose stream ended unfinished before we sent anything
            boolean fromStore = false;
            while (!stopped) {
                if (System.nanoTime() > deadline) {
                    throw new Cut(new DomainException(
                            ErrorCode.SERVICE_UNAVAILABLE, "The job did not finish within the stream's time limit"));
                }
                Optional<AudioRelay.Source> live = fromStore ? Optional.empty() : streams.find(jobId);
                if (live.isPresent() && live.get().attempt() > skipAttemptsUpTo) {
                    AudioRelay.Source stream = live.get();
                    AudioRelay.End end;
                    try (stream) {
                        end = drain(stream);
                    }
                    if (end == null) {
                        return; // stopped
                    }
                    switch (end) {
                        case COMPLETED -> {
                            return;
                        }
                        case OVERFLOWED -> fromStore = true;
                        case FAILED, ABANDONED -> {
                            if (pcmSent > 0) {
                                throw new Cut(new DomainException(
                                        ErrorCode.CONFLICT,
                                        "Synthesis of job " + jobId + " stopped while it was streamed"));
                            }
                            skipAttemptsUpTo = stream.attempt();
                        }
                    }
                    continue;
                }
                JobView job = queries.query(new FindJobQuery(jobId), ResponseTypes.optionalInstanceOf(JobView.class))
                        .join()
                        .orElseThrow(() -> new Cut(
                                new DomainException(ErrorCode.JOB_NOT_FOUND, "Job " + jobId + " was not found")));
                switch (job.status()) {
                    case COMPLETED -> {
                        sendStored(job);
                        return;
                    }
                    case FAILED, CANCELLED -> throw new Cut(notStreamable(job));
                    default -> Thread.sleep(POLL.toMillis());
                }
            }
        }

        /** Sends the stream's chunks from where this reader is; returns how it ended (null when stopped). */
        private AudioRelay.End drain(AudioRelay.Source stream) throws IOException, InterruptedException {
            // Chunks are counted in bytes sent: a reader that moved to the store never comes back here.
            int index = 0;
            long skip = pcmSent;
            int idle = 0;
            while (!stopped) {
                AudioRelay.Next next = stream.await(index, Duration.ofMillis(500));
                if (next.waiting()) {
                    // A stream whose end was lost (the relay failed between the last chunk and the end) must not
                    // hold the reader until its time limit: every 2 s without audio, the job's own state decides.
                    AudioRelay.End settled = ++idle % 4 == 0 ? settledEnd() : null;
                    if (settled != null) {
                        return settled;
                    }
                    continue;
                }
                idle = 0;
                if (next.chunk() != null) {
                    index++;
                    byte[] chunk = next.chunk();
                    if (skip >= chunk.length) {
                        skip -= chunk.length;
                        continue;
                    }
                    int from = (int) skip;
                    skip = 0;
                    sendPcm(from == 0 ? chunk : Arrays.copyOfRange(chunk, from, chunk.length));
                } else if (next.end() != null) {
                    return next.end();
                }
            }
            return null;
        }

        /** How the stream must be taken to have ended when the job is over: the rest from the store, or nothing. */
        private AudioRelay.End settledEnd() {
            JobStatus status = queries.query(new FindJobQuery(jobId), ResponseTypes.optionalInstanceOf(JobView.class))
                    .join()
                    .map(JobView::status)
                    .orElse(JobStatus.CANCELLED);
            return switch (status) {
                case COMPLETED -> AudioRelay.End.OVERFLOWED;
                case FAILED, CANCELLED -> AudioRelay.End.ABANDONED;
                default -> null;
            };
        }

        /** The stored file: as it is when it already has the format asked for, else its samples. */
        private void sendStored(JobView job) throws Cut, IOException {
            FileView file = queries.query(
                            new FindFileQuery(job.jobId()), ResponseTypes.optionalInstanceOf(FileView.class))
                    .join()
                    .orElseThrow(() -> new Cut(new DomainException(
                            ErrorCode.FILE_NOT_FOUND, "The audio file of job " + jobId + " is no longer available")));
            byte[] bytes;
            try (InputStream in = blobs.open(file.blobKey(), 0)) {
                bytes = in.readAllBytes();
            } catch (java.nio.file.NoSuchFileException e) {
                throw new Cut(new DomainException(
                        ErrorCode.FILE_NOT_FOUND, "The audio file of job " + jobId + " is no longer available"));
            }
            if (pcmSent == 0 && format.wireName().equals(file.format())) {
                started = true;
                for (int off = 0; off < bytes.length && !stopped; off += FILE_CHUNK) {
                    send(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + FILE_CHUNK)));
                }
                stopped = true; // sent whole: nothing for finish() to add
                return;
            }
            byte[] pcm = "wav".equals(file.format()) ? StreamFormat.wavData(bytes) : null;
            if (pcm == null) {
                pcm = toPcm16(AudioDecoder.decode(bytes).mono());
            }
            for (long off = pcmSent; off < pcm.length && !stopped; off += FILE_CHUNK) {
                sendPcm(Arrays.copyOfRange(pcm, (int) off, (int) Math.min(pcm.length, off + FILE_CHUNK)));
            }
        }

        private void sendPcm(byte[] pcm) throws IOException {
            if (!started) {
                started = true;
                if (format == StreamFormat.WAV) {
                    send(StreamFormat.streamingWavHeader(sampleRate));
                } else if (format == StreamFormat.MP3) {
                    mp3 = new Mp3StreamEncoder(sampleRate);
                }
            }
            pcmSent += pcm.length;
            send(format == StreamFormat.MP3 ? mp3.encode(pcm) : pcm);
        }

        /** Ends the audio: an empty stream still gets its header; MP3 gets its last frames. */
        private void finish() throws IOException {
            if (stopped) {
                return;
            }
            if (!started) {
                sendPcm(new byte[0]);
            }
            if (mp3 != null) {
                send(mp3.finish());
            }
        }

        private void send(byte[] bytes) throws IOException {
            if (bytes.length > 0) {
                emitter.send(bytes, MediaType.APPLICATION_OCTET_STREAM);
            }
        }
    }

    static DomainException notStreamable(JobView job) {
        return new DomainException(
                ErrorCode.CONFLICT,
                "Job " + job.jobId() + " is " + job.status().wireName() + "; it has no audio to stream",
                Map.of("status", job.status().wireName()));
    }

    /** Decoded samples as 16-bit little-endian PCM (full scale is 32768, as decoders read it). */
    private static byte[] toPcm16(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int s = Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768f)));
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    static boolean streamable(JobStatus status) {
        return status != JobStatus.FAILED && status != JobStatus.CANCELLED;
    }
}
