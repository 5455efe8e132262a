package io.voxify.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.catalogue.VoiceDirectory;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.CancelJobCommand;
import io.voxify.events.job.FileView;
import io.voxify.events.job.FindFileQuery;
import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.job.JobRequest;
import io.voxify.gateway.job.JobService;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.ErrorStatuses;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.infrastructure.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * OpenAI-compatible speech on the ordinary job pipeline: the request becomes a job through
 * {@link JobService#create} (validation, voice resolution, the daily synthesis quota, the audit trail),
 * then the answer waits for the job to end, at most {@code voxify.synthesis.openai-speech-timeout}, without
 * holding a request thread (a subscription to the job's view completes it). A job still unfinished then is
 * cancelled (nobody will fetch its audio; the cancellation is in its history) and the caller gets 503
 * {@code SERVICE_UNAVAILABLE} naming the job.
 */
@Service
@EnableConfigurationProperties(OpenAiSpeechProperties.class)
public class SpeechService {
    private static final Logger log = LoggerFactory.getLogger(SpeechService.class);
    /** Each wait on the view's updates is this long at most, then the read model is asked directly. */
    private static final Duration POLL = Duration.ofSeconds(2);

    private final JobService jobs;
    private final ViewAwaiter views;
    private final QueryGateway queries;
    private final CommandGateway commands;
    private final VoiceDirectory voices;
    private final BlobStore blobs;
    private final PlatformSettings settings;
    private final ObjectMapper json;
    private final Duration timeout;

    public SpeechService(
            JobService jobs,
            ViewAwaiter views,
            QueryGateway queries,
            CommandGateway commands,
            VoiceDirectory voices,
            BlobStore blobs,
            PlatformSettings settings,
            ObjectMapper json,
            OpenAiSpeechProperties properties) {
        this.jobs = jobs;
        this.views = views;
        this.queries = queries;
        this.commands = commands;
        this.voices = voices;
        this.blobs = blobs;
        this.settings = settings;
        this.json = json;
        this.timeout = properties.openaiSpeechTimeout();
    }

    /** The finished speech: the job, its stored file, and the byte range of the blob to send. */
    public record Speech(JobView job, FileView file, String format, long offset, long length) {}

    /** How long a caller may wait at most: the job's wait, its cancellation and the answer. */
    public Duration longestWait() {
        return timeout.plus(POLL).plusSeconds(30);
    }

    /**
     * Validates and creates the job on the caller's thread (refusals are thrown at once), then completes when
     * the job has ended: with its audio, or exceptionally with the refusal that names the job.
     */
    public CompletableFuture<Speech> speak(AuthenticatedUser user, JsonNode body) {
        SpeechRequest request = SpeechRequest.parse(body, settings.config().maxTextLength());
        if (voices.resolve(request.voiceModelId(), user.userId()).isEmpty()) {
            throw new DomainException(
                    ErrorCode.VOICE_MODEL_NOT_FOUND,
                    "Voice " + request.requestedVoice() + " was not found",
                    Map.of("voice", request.requestedVoice()));
        }
        JobView created = jobs.create(user, JobRequest.parse(json.valueToTree(request.jobBody()), settings.config()));
        return awaitEnd(user, created.jobId()).thenApply(end -> answer(end, request));
    }

    private Speech answer(Ending end, SpeechRequest request) {
        JobView done = end.job();
        if (done.status() == JobStatus.COMPLETED) {
            return audioOf(done, request.format());
        }
        if (done.status() == JobStatus.FAILED) {
            throw failed(done);
        }
        if (end.timedOut()) {
            throw timedOut(done);
        }
        throw new DomainException(ErrorCode.CONFLICT, "The job was cancelled before its audio was made", details(done));
    }

    /** How the wait ended: the job's last state, and whether the timeout cut the wait short. */
    private record Ending(JobView job, boolean timedOut) {}

    /** Waits for a final state; after the timeout, cancels the job unless it ended meanwhile. */
    private CompletableFuture<Ending> awaitEnd(AuthenticatedUser user, String jobId) {
        FindJobQuery query = new FindJobQuery(jobId);
        return views.awaitAsync(query, JobView.class, v -> v.status().isFinal(), timeout)
                .thenCompose(ended -> {
                    if (ended.isPresent()) {
                        return CompletableFuture.completedFuture(new Ending(ended.get(), false));
                    }
                    return commands.send(new CancelJobCommand(jobId, user.userId()))
                            .exceptionally(endedMeanwhile -> {
                                log.debug(
                                        "Speech job {} could not be cancelled after its timeout: {}",
                                        jobId,
                                        endedMeanwhile.toString());
                                return null;
                            })
                            .thenCompose(sent -> views.awaitAsync(
                                    query, JobView.class, v -> v.status().isFinal(), POLL))
                            .thenCompose(last -> last.isPresent()
                                    ? CompletableFuture.completedFuture(last)
                                    : queries.query(query, ResponseTypes.optionalInstanceOf(JobView.class)))
                            .thenApply(last -> new Ending(last.orElseThrow(), true));
                });
    }

    private DomainException timedOut(JobView job) {
        return new DomainException(
                ErrorCode.SERVICE_UNAVAILABLE,
                "The speech was not ready within " + timeout.toSeconds() + " seconds; its job was cancelled",
                details(job));
    }

    private DomainException failed(JobView job) {
        ErrorCode code = ErrorCode.INTERNAL_ERROR;
        if (job.errorCode() != null) {
            try {
                ErrorCode named = ErrorCode.valueOf(job.errorCode());
                if (ErrorStatuses.of(named) < 500) {
                    code = named;
                }
            } catch (IllegalArgumentException notOurs) {
                // an engine's own failure code: a server error
            }
        }
        return new DomainException(
                code,
                "Synthesis failed: " + (job.errorMessage() != null ? job.errorMessage() : "no reason given"),
                details(job));
    }

    private static SpeechFailureDetails details(JobView job) {
        return new SpeechFailureDetails(job.jobId(), job.status().wireName(), job.errorCode());
    }

    private Speech audioOf(JobView job, String format) {
        FileView file = queries.query(new FindFileQuery(job.fileId()), ResponseTypes.optionalInstanceOf(FileView.class))
                .join()
                .orElseThrow(() -> new DomainException(
                        ErrorCode.FILE_NOT_FOUND,
                        "The audio of job " + job.jobId() + " is not available",
                        Map.of("job_id", job.jobId())));
        try {
            if (!format.equals("pcm")) {
                return new Speech(job, file, format, 0, blobs.size(file.blobKey()));
            }
            long[] data = pcmData(file.blobKey());
            return new Speech(job, file, format, data[0], data[1]);
        } catch (IOException e) {
            log.warn("The blob store failed", e);
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The audio store is unavailable; try again");
        }
    }

    /**
     * Where the samples of the job's WAV lie: offset and length of its {@code data} chunk, after a check
     * that they are what OpenAI's pcm is (16-bit PCM, mono, 24 kHz).
     */
    private long[] pcmData(String key) throws IOException {
        byte[] head;
        try (InputStream in = blobs.open(key, 0)) {
            head = in.readNBytes(4096);
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        boolean pcm16Mono24k = false;
        int pos = 12;
        while (head.length >= 12 && pos + 8 <= head.length) {
            String id = new String(head, pos, 4, StandardCharsets.US_ASCII);
            long size = b.getInt(pos + 4) & 0xffffffffL;
            if (id.equals("fmt ") && pos + 24 <= head.length) {
                pcm16Mono24k = (b.getShort(pos + 8) & 0xffff) == 1
                        && (b.getShort(pos + 10) & 0xffff) == 1
                        && b.getInt(pos + 12) == SpeechRequest.SAMPLE_RATE
                        && (b.getShort(pos + 22) & 0xffff) == 16;
            } else if (id.equals("data") && pcm16Mono24k) {
                long available = blobs.size(key) - (pos + 8);
                return new long[] {pos + 8, Math.min(size, available)};
            }
            pos += 8 + (int) (size + (size & 1));
        }
        throw new IllegalStateException("The job's WAV is not 16-bit mono PCM at 24 kHz: " + key);
    }
}
