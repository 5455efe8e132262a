package io.voxify.worker.synthesis;

import io.voxify.catalogue.VoiceBinding;
import io.voxify.catalogue.VoiceDirectory;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.AudioOutput;
import io.voxify.events.job.CompleteJobCommand;
import io.voxify.events.job.JobWork;
import io.voxify.events.job.RecordJobAttemptFailedCommand;
import io.voxify.events.job.RecordJobProgressCommand;
import io.voxify.events.job.StartJobCommand;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.inference.AudioListener;
import io.voxify.inference.ProgressListener;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisException;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.SynthesisResult;
import io.voxify.inference.audio.Pcm;
import io.voxify.infrastructure.relay.AudioRelay;
import io.voxify.infrastructure.storage.BlobStore;
import io.voxify.worker.clone.CloneWorker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of one job: claims it from the aggregate (which may refuse, if the owner
 * cancelled or deleted it meanwhile), synthesises, stores the audio, and reports back with
 * commands. The audio is stored before the command that refers to it; if that command is
 * refused the blob is removed again, so nothing ever points at a missing file.
 *
 * <p>While it synthesises, each sentence's finished audio goes to the {@link AudioRelay} as soon as it is
 * made, for clients streaming the job; the stream ends with the attempt.
 */
public class SynthesisWorker {
    private static final Logger log = LoggerFactory.getLogger(SynthesisWorker.class);

    /** Why an attempt failed when the worker running it stopped. */
    public static final String LOST_WORKER = "Worker stopped while synthesising";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final CommandGateway commands;
    private final BlobStore blobs;
    private final VoiceDirectory voices;
    private final SpeechSynthesizer synthesizer;
    private final SynthesisMetrics metrics;
    private final String workerId;
    private final AudioRelay streams;

    public SynthesisWorker(
            CommandGateway commands,
            BlobStore blobs,
            VoiceDirectory voices,
            SpeechSynthesizer synthesizer,
            SynthesisMetrics metrics,
            String workerId,
            AudioRelay streams) {
        this.streams = streams;
        this.commands = commands;
        this.blobs = blobs;
        this.voices = voices;
        this.synthesizer = synthesizer;
        this.metrics = metrics;
        this.workerId = workerId;
    }

    /**
     * Releases an attempt whose worker was lost (its message came back from the broker): the
     * aggregate records it as failed only if that attempt is still the running one, and the
     * saga then schedules the next attempt. Anything else (the attempt finished, or never
     * started) is refused and leaves the job as it is.
     */
    public void releaseLostAttempt(String jobId, int attempt) {
        try {
            commands.sendAndWait(new RecordJobAttemptFailedCommand(
                    jobId, attempt, LOST_WORKER, ErrorCode.SERVICE_UNAVAILABLE.name(), true));
        } catch (DomainException notRunning) {
            log.debug("Job {} attempt {} was not running: {}", jobId, attempt, notRunning.getMessage());
        } catch (RuntimeException e) {
            if (!isGone(e)) {
                throw e; // the platform itself failed: the broker delivers the message again later
            }
        }
    }

    public void run(String jobId, int attempt) {
        JobWork work;
        try {
            work = commands.sendAndWait(new StartJobCommand(jobId, attempt, workerId));
        } catch (DomainException refused) {
            log.info("Job {} attempt {} not started: {}", jobId, attempt, refused.getMessage());
            return;
        } catch (RuntimeException e) {
            if (isGone(e)) {
                log.info("Job {} is gone; attempt {} dropped", jobId, attempt);
                return;
            }
            throw e;
        }
        long startedNanos = System.nanoTime();
        AudioRelay.Sink stream = streams.open(jobId, attempt, work.settings().sampleRate());
        try {
            Stored stored = synthesizeAndStore(work, stream);
            stream.end(AudioRelay.End.COMPLETED);
            long elapsedMs = (System.nanoTime() - startedNanos) / 1_000_000;
            completeOrCleanUp(work, stored, elapsedMs);
        } catch (Abandoned abandoned) {
            stream.end(AudioRelay.End.ABANDONED);
            log.info("Job {} attempt {} abandoned: {}", jobId, attempt, abandoned.getMessage());
        } catch (SynthesisException bad) {
            reportFailure(work, bad.getMessage(), bad.code(), false);
        } catch (IllegalArgumentException bad) {
            // A stored voice profile or setting the engine refuses: trying again cannot help.
            reportFailure(
                    work,
                    "The voice cannot speak this request: " + bad.getMessage(),
                    ErrorCode.VALIDATION_ERROR.name(),
                    false);
        } catch (RuntimeException | IOException transientFailure) {
            log.warn("Job {} attempt {} failed", jobId, attempt, transientFailure);
            reportFailure(
                    work,
                    "Synthesis failed: " + transientFailure.getClass().getSimpleName(),
                    ErrorCode.INTERNAL_ERROR.name(),
                    true);
        } finally {
            stream.end(AudioRelay.End.FAILED); // no-op when it ended above
        }
    }

    private record Stored(SynthesisResult result, long engineCpuNanos, AudioOutput output) {}

    /** This thread's CPU time, or -1 where the JVM cannot tell. */
    private static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private Stored synthesizeAndStore(JobWork work, AudioRelay.Sink stream) throws IOException {
        VoiceBinding voice = voices.resolve(work.voiceModelId(), work.userId())
                .orElseThrow(() -> new SynthesisException(
                        ErrorCode.VOICE_MODEL_NOT_FOUND.name(),
                        "Voice model " + work.voiceModelId() + " is no longer available"));
        SynthesisSettings s = work.settings();
        SynthesisRequest request = new SynthesisRequest(
                work.text(),
                voice.engineVoiceId(),
                s.speed(),
                s.pitch(),
                s.volume(),
                s.emotion(),
                s.outputFormat(),
                s.sampleRate(),
                s.includeTimestamps(),
                s.timestampGranularity(),
                work.textFormat() == null ? SynthesisRequest.PLAIN : work.textFormat());
        ProgressReporter progress = new ProgressReporter(work);
        long started = System.nanoTime();
        long cpuStarted = threadCpuNanos();
        AudioListener audio = (samples, rate) -> stream.publish(Pcm.toLittleEndian16(samples));
        SynthesisResult result = voice.profile() == null
                ? synthesizer.synthesize(request, progress, audio)
                : synthesizer.synthesize(request, CloneWorker.voiceProfile(voice.profile()), progress, audio);
        // The engine's own time: the progress commands it ran on this thread are our bookkeeping, not synthesis.
        long engineCpuNanos = cpuStarted < 0 ? -1 : threadCpuNanos() - cpuStarted - progress.reportingCpuNanos;
        metrics.recordSynthesis(
                voice.engineVoiceId(),
                System.nanoTime() - started - progress.reportingNanos,
                engineCpuNanos,
                result.durationSeconds());
        String fileId = "file_" + UUID.randomUUID().toString().replace("-", "");
        String blobKey = "audio/" + work.jobId() + "/" + fileId + "." + result.format();
        blobs.put(blobKey, result.audio(), result.contentType());
        return new Stored(
                result,
                Math.max(0, engineCpuNanos),
                new AudioOutput(
                        fileId,
                        blobKey,
                        result.format(),
                        result.contentType(),
                        result.sampleRate(),
                        result.channels(),
                        result.audio().length,
                        result.durationSeconds(),
                        sha256(result.audio())));
    }

    private void completeOrCleanUp(JobWork work, Stored stored, long elapsedMs) throws IOException {
        SynthesisResult result = stored.result();
        AudioOutput output = stored.output();
        List<TimedText> timestamps = result.timestamps() == null
                ? List.of()
                : result.timestamps().stream()
                        .map(t -> new TimedText(t.text(), t.type(), t.start(), t.end(), t.charStart(), t.charEnd()))
                        .toList();
        try {
            commands.sendAndWait(new CompleteJobCommand(
                    work.jobId(), work.attempt(), output, timestamps, elapsedMs, stored.engineCpuNanos() / 1_000_000));
        } catch (RuntimeException refused) {
            blobs.delete(output.blobKey());
            if (refused instanceof DomainException || isGone(refused)) {
                log.info("Job {} finished but was no longer running; audio discarded", work.jobId());
                return;
            }
            // The result could not be recorded: release the attempt so the saga schedules another
            // (if even that fails, the job's timeout deadline fails it; it is never left running).
            log.warn("Job {} attempt {}: result not recorded", work.jobId(), work.attempt(), refused);
            reportFailure(
                    work,
                    "The result could not be recorded: " + refused.getClass().getSimpleName(),
                    ErrorCode.SERVICE_UNAVAILABLE.name(),
                    true);
        }
    }

    private void reportFailure(JobWork work, String reason, String code, boolean retryable) {
        try {
            commands.sendAndWait(
                    new RecordJobAttemptFailedCommand(work.jobId(), work.attempt(), reason, code, retryable));
        } catch (RuntimeException e) {
            log.info("Could not record failure of job {}: {}", work.jobId(), e.getMessage());
        }
    }

    private static boolean isGone(RuntimeException e) {
        return e instanceof org.axonframework.eventsourcing.AggregateDeletedException
                || e instanceof org.axonframework.modelling.command.AggregateNotFoundException;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Stops the synthesis when the job no longer accepts progress (cancelled or deleted). */
    private static final class Abandoned extends RuntimeException {
        Abandoned(String message) {
            super(message, null, false, false);
        }
    }

    /** Forwards progress as commands, at most one per whole percent, so the event stream stays small. */
    private final class ProgressReporter implements ProgressListener {
        private final JobWork work;
        private int lastPercent = -1;
        private long reportingNanos;
        private long reportingCpuNanos;

        ProgressReporter(JobWork work) {
            this.work = work;
        }

        @Override
        public void onProgress(double percent, String message) {
            int whole = (int) Math.floor(Math.min(99, percent));
            if (whole <= lastPercent) {
                return;
            }
            lastPercent = whole;
            long started = System.nanoTime();
            long cpuStarted = threadCpuNanos();
            try {
                commands.sendAndWait(new RecordJobProgressCommand(work.jobId(), work.attempt(), whole, message));
            } catch (DomainException refused) {
                throw new Abandoned(refused.getMessage());
            } catch (RuntimeException e) {
                if (isGone(e)) {
                    throw new Abandoned("job deleted");
                }
                throw e;
            } finally {
                reportingNanos += System.nanoTime() - started;
                if (cpuStarted >= 0) {
                    reportingCpuNanos += threadCpuNanos() - cpuStarted;
                }
            }
        }
    }
}
