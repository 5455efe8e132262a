package io.voxify.gateway.file;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voxify.events.common.AxonNames;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.FileView;
import io.voxify.events.job.FindFileQuery;
import io.voxify.events.sample.FindSampleQuery;
import io.voxify.events.sample.SampleView;
import io.voxify.gateway.admin.ProjectionStatus;
import io.voxify.gateway.admin.Projections;
import io.voxify.infrastructure.storage.BlobStore;
import io.voxify.infrastructure.storage.StorageProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Removes stored audio nothing refers to: a job's audio whose completion was never recorded (the worker
 * stopped between storing it and reporting it; a retry stores a new file), or an upload whose sample was
 * never recorded. Such blobs have no event, so no clean-up handler ever sees them.
 *
 * <p>Careful by construction, since deleting is forever:
 * <ul>
 *   <li>only the folders the platform writes with one shape: {@code audio/<job>/<file>.<ext>} (referred to
 *       by the job's file record) and {@code samples/<user>/<sample>.<ext>} (by the sample); anything else,
 *       previews included, is left alone;</li>
 *   <li>only blobs older than {@code min-age} (at least an hour; a blob is stored a moment before the event
 *       that refers to it);</li>
 *   <li>only once the job and sample projections are running (not replaying, stopped or failing) and have
 *       handled every event stored before the sweep began, so a missing row means a missing reference;</li>
 *   <li>a blob whose reference cannot be checked is kept.</li>
 * </ul>
 * It runs every {@code interval} on nodes that serve the API (sweeps on several nodes at once are harmless:
 * a delete of a missing blob is no error) and on demand ({@code POST /api/v1/admin/storage/sweep}).
 */
@Component
@ConditionalOnExpression("'${voxify.role:all}' != 'worker'")
public class OrphanBlobSweeper {
    private static final Logger log = LoggerFactory.getLogger(OrphanBlobSweeper.class);
    static final Duration SHORTEST_MIN_AGE = Duration.ofHours(1);
    private static final List<String> PROJECTIONS =
            List.of(AxonNames.JOBS_PROCESSING_GROUP, AxonNames.SAMPLES_PROCESSING_GROUP);
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(60);

    private final BlobStore blobs;
    private final QueryGateway queries;
    private final Projections projections;
    private final Duration minAge;
    private final Duration interval;
    private final Duration initialDelay;
    private final boolean scheduled;
    private final Counter deletedBlobs;
    private final Counter deletedBytes;
    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock running = new ReentrantLock();
    private ScheduledExecutorService timer;

    /** What one sweep did; {@code skippedBecause} is set when it did nothing. */
    public record Result(
            boolean swept,
            String skippedBecause,
            int listed,
            int kept,
            int tooYoung,
            int unchecked,
            int deleted,
            long deletedBytes,
            Instant startedAt,
            Instant finishedAt) {}

    public OrphanBlobSweeper(
            BlobStore blobs,
            QueryGateway queries,
            Projections projections,
            MeterRegistry meters,
            StorageProperties storage) {
        Duration minAge = storage.sweep().minAge();
        if (minAge.compareTo(SHORTEST_MIN_AGE) < 0) {
            throw new IllegalStateException("voxify.storage.sweep.min-age must be at least " + SHORTEST_MIN_AGE
                    + ", not " + minAge + ": a blob is stored a moment before the event that refers to it");
        }
        this.blobs = blobs;
        this.queries = queries;
        this.projections = projections;
        this.minAge = minAge;
        this.interval = storage.sweep().interval();
        this.initialDelay = storage.sweep().initialDelay();
        this.scheduled = storage.sweep().enabled();
        this.deletedBlobs = Counter.builder("voxify_storage_orphans_deleted")
                .description("Unreferenced blobs removed")
                .register(meters);
        this.deletedBytes = Counter.builder("voxify_storage_orphans_deleted_bytes")
                .description("Bytes of unreferenced blobs removed")
                .register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        if (!scheduled) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "orphan-blob-sweeper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        Result result = sweep();
                        if (!result.swept()) {
                            log.info("Orphan blob sweep skipped: {}", result.skippedBecause());
                        }
                    } catch (RuntimeException e) {
                        log.warn("Orphan blob sweep failed", e);
                    }
                },
                initialDelay.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One sweep, now; refused (409) while another runs on this node. */
    public Result sweep() {
        if (!running.tryLock()) {
            throw new DomainException(ErrorCode.CONFLICT, "A sweep is already running on this node");
        }
        try {
            return projections.withoutReplays(this::sweepUnlocked);
        } finally {
            running.unlock();
        }
    }

    private Result sweepUnlocked() {
        Instant started = clock.instant();
        String notReady = awaitProjections();
        if (notReady != null) {
            return new Result(false, notReady, 0, 0, 0, 0, 0, 0, started, clock.instant());
        }
        Tally tally = new Tally(started.minus(minAge));
        for (String folder : List.of("audio", "samples")) {
            if (tally.stoppedBecause != null) {
                break;
            }
            try {
                blobs.list(folder, tally::consider);
            } catch (IOException e) {
                log.warn("Could not list {} for orphans: {}", folder, e.toString());
                tally.unchecked++;
            }
        }
        Result result = new Result(
                tally.stoppedBecause == null,
                tally.stoppedBecause,
                tally.listed,
                tally.kept,
                tally.tooYoung,
                tally.unchecked,
                tally.deleted,
                tally.bytes,
                started,
                clock.instant());
        log.info("Orphan blob sweep: {}", result);
        return result;
    }

    /** Why the read models cannot be trusted now (a projection is no longer running), or null. */
    private String projectionsUnsettled() {
        for (String name : PROJECTIONS) {
            try {
                ProjectionStatus status = projections.find(name);
                if (status.status() != ProjectionStatus.State.RUNNING) {
                    return "projection " + name + " became " + status.status().wireName() + " during the sweep";
                }
            } catch (DomainException notHere) {
                return "projection " + name + " no longer runs on this node";
            }
        }
        return null;
    }

    /**
     * Null once every projection the references live in is running and has handled every event stored when
     * the sweep began; else why the sweep cannot go on.
     */
    private String awaitProjections() {
        long deadline = System.nanoTime() + CATCH_UP_WAIT.toNanos();
        Long head = null;
        for (String name : PROJECTIONS) {
            while (true) {
                ProjectionStatus status;
                try {
                    status = projections.find(name);
                } catch (DomainException notHere) {
                    return "projection " + name + " does not run on this node";
                }
                if (status.status() != ProjectionStatus.State.RUNNING) {
                    return "projection " + name + " is " + status.status().wireName();
                }
                if (head == null) {
                    head = status.head();
                }
                if (status.position() != null && status.position() >= head) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    return "projection " + name + " did not catch up with the event store within " + CATCH_UP_WAIT;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
        }
        return null;
    }

    private final class Tally {
        private final Instant cutoff;
        int listed;
        int kept;
        int tooYoung;
        int unchecked;
        int deleted;
        long bytes;
        String stoppedBecause;

        Tally(Instant cutoff) {
            this.cutoff = cutoff;
        }

        void consider(BlobStore.Listed blob) {
            if (stoppedBecause != null) {
                return;
            }
            listed++;
            if (!blob.lastModified().isBefore(cutoff)) {
                tooYoung++;
                return;
            }
            Optional<Boolean> referenced;
            try {
                referenced = referenced(blob.key());
            } catch (RuntimeException e) {
                log.warn("Could not check {}: {}", blob.key(), e.toString());
                referenced = Optional.empty();
            }
            if (referenced.isEmpty()) {
                unchecked++;
                return;
            }
            if (referenced.get()) {
                kept++;
                return;
            }
            // A replay on another node that began after the sweep's start would make rows vanish: look again
            // after the reference was checked, and stop at the first sign of one.
            stoppedBecause = projectionsUnsettled();
            if (stoppedBecause != null) {
                unchecked++;
                return;
            }
            try {
                blobs.delete(blob.key());
                deleted++;
                bytes += blob.size();
                deletedBlobs.increment();
                deletedBytes.increment(blob.size());
                log.info("Removed orphan blob {} ({} bytes, stored {})", blob.key(), blob.size(), blob.lastModified());
            } catch (IOException e) {
                log.warn("Could not remove orphan blob {}: {}", blob.key(), e.toString());
                unchecked++;
            }
        }
    }

    /** Whether a record refers to the blob; empty when the key has a shape this sweeper does not know. */
    private Optional<Boolean> referenced(String key) {
        String[] parts = key.split("/");
        if (parts.length != 3 || parts[2].indexOf('.') <= 0) {
            return Optional.empty();
        }
        String name = parts[2].substring(0, parts[2].indexOf('.')); // the file's or the sample's id
        return switch (parts[0]) {
            case "audio" ->
                Optional.of(queries.query(new FindFileQuery(name), ResponseTypes.optionalInstanceOf(FileView.class))
                        .join()
                        .map(file -> key.equals(file.blobKey()))
                        .orElse(false));
            case "samples" ->
                Optional.of(queries.query(new FindSampleQuery(name), ResponseTypes.optionalInstanceOf(SampleView.class))
                        .join()
                        .map(sample -> sample.audio() != null
                                && key.equals(sample.audio().blobKey()))
                        .orElse(false));
            default -> Optional.empty();
        };
    }
}
