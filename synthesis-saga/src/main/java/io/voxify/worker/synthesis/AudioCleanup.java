package io.voxify.worker.synthesis;

import io.voxify.events.job.JobContentExpiredEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.infrastructure.relay.AudioRelay;
import io.voxify.infrastructure.storage.BlobStore;
import java.io.IOException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted job's audio, and an expired one's (retention): the stored file, and what the streaming relay
 * still holds of it (kept a grace period after the job ended, so a late reader gets it from the start). The
 * gateway removes a deleted job's audio at once too; this handler is what guarantees it, since it runs from the
 * event stream and retries until the blob is gone.
 */
@Component
@ProcessingGroup("audio-cleanup")
public class AudioCleanup {
    private final BlobStore blobs;
    private final AudioRelay relay;

    public AudioCleanup(BlobStore blobs, AudioRelay relay) {
        this.blobs = blobs;
        this.relay = relay;
    }

    @EventHandler
    void on(JobDeletedEvent event) throws IOException {
        relay.discard(event.jobId());
        if (event.output() != null) {
            blobs.delete(event.output().blobKey());
        }
    }

    @EventHandler
    void on(JobContentExpiredEvent event) throws IOException {
        relay.discard(event.jobId());
        if (event.output() != null) {
            blobs.delete(event.output().blobKey());
        }
    }
}
