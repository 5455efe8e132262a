package io.voxify.query.job;

import io.voxify.events.job.AudioOutput;
import io.voxify.events.job.FileView;
import io.voxify.events.job.FindFileQuery;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobContentExpiredEvent;
import io.voxify.events.job.JobDeletedEvent;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The audio files that jobs produced: who owns each and where its bytes are stored, for downloads and
 * for the sweep of orphaned blobs. It shares the job list's processing group, so a file appears in the
 * same transaction as its job's completion, and a replay of the job list rebuilds the files too. Every
 * handler sets, never adds, so an event handled again leaves the same row.
 */
@Component
@ProcessingGroup(JobProjection.PROCESSING_GROUP)
public class AudioFileProjection {
    private final AudioFileRepository files;
    private final EntityManager entityManager;

    public AudioFileProjection(AudioFileRepository files, EntityManager entityManager) {
        this.files = files;
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(JobCompletedEvent e, @Timestamp Instant at) {
        AudioOutput out = e.output();
        AudioFileEntity file = entityManager.find(AudioFileEntity.class, out.fileId());
        boolean created = file == null;
        file = created ? new AudioFileEntity() : file;
        file.fileId = out.fileId();
        file.ownerId = e.userId();
        file.jobId = e.jobId();
        file.blobKey = out.blobKey();
        file.format = out.format();
        file.contentType = out.contentType();
        file.sampleRate = out.sampleRate();
        file.channels = out.channels();
        file.sizeBytes = out.sizeBytes();
        file.durationSeconds = out.durationSeconds();
        file.sha256 = out.sha256();
        file.createdAt = at.toEpochMilli();
        if (created) {
            entityManager.persist(file);
        }
    }

    @EventHandler
    void on(JobDeletedEvent e) {
        files.deleteByJobId(e.jobId());
    }

    /** Retention removes the audio with the text: the file is gone for downloads at once. */
    @EventHandler
    void on(JobContentExpiredEvent e) {
        files.deleteByJobId(e.jobId());
    }

    @ResetHandler
    void reset() {
        files.deleteAllInBatch();
    }

    /** A file by its own id or by the id of the job that made it. */
    @QueryHandler
    public Optional<FileView> handle(FindFileQuery query) {
        return files.findById(query.fileOrJobId())
                .or(() -> files.findFirstByJobId(query.fileOrJobId()))
                .map(f -> new FileView(
                        f.fileId,
                        f.ownerId,
                        f.jobId,
                        f.blobKey,
                        f.format,
                        f.contentType,
                        f.sampleRate,
                        f.channels,
                        f.sizeBytes,
                        f.durationSeconds,
                        f.sha256,
                        Instant.ofEpochMilli(f.createdAt)));
    }
}
