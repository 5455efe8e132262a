package io.voxify.worker.sample;

import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.sample.SampleRejectedEvent;
import io.voxify.events.sample.VoiceSampleDeletedEvent;
import io.voxify.infrastructure.storage.BlobStore;
import io.voxify.infrastructure.vector.VectorIndex;
import java.io.IOException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Voice recordings are personal data: when a sample or clone goes, so do its recording and
 * embedding. Runs from the event stream, so it catches up after a crash; every step is
 * idempotent.
 */
@Component
@ProcessingGroup("voice-data-cleanup")
public class VoiceDataCleanup {
    private final BlobStore blobs;
    private final VectorIndex vectors;

    public VoiceDataCleanup(BlobStore blobs, VectorIndex vectors) {
        this.blobs = blobs;
        this.vectors = vectors;
    }

    @EventHandler
    void on(VoiceSampleDeletedEvent event) throws IOException {
        if (event.audio() != null) {
            blobs.delete(event.audio().blobKey());
        }
        vectors.delete(event.sampleId());
    }

    @EventHandler
    void on(SampleRejectedEvent event) {
        vectors.delete(event.sampleId());
    }

    @EventHandler
    void on(VoiceCloneDeletedEvent event) {
        vectors.delete(event.cloneId());
    }
}
