package io.voxify.worker.synthesis;

import io.voxify.events.job.JobContentExpiredEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.infrastructure.storage.BlobStore;
import java.io.IOException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted job's audio, and an expired one's (retention). The gateway removes a deleted job's audio at
 * once too; this handler is what guarantees it, since it runs from the event stream and retries until the blob
 * is gone.
 */
@Component
@ProcessingGroup("audio-cleanup")
public class AudioCleanup {
    private final BlobStore blobs;

    public AudioCleanup(BlobStore blobs) {
        this.blobs = blobs;
    }

    @EventHandler
    void on(JobDeletedEvent event) throws IOException {
        if (event.output() != null) {
            blobs.delete(event.output().blobKey());
        }
    }

    @EventHandler
    void on(JobContentExpiredEvent event) throws IOException {
        if (event.output() != null) {
            blobs.delete(event.output().blobKey());
        }
    }
}
