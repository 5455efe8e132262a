package io.voxify.infrastructure.storage.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.infrastructure.storage.BlobStore;
import io.voxify.infrastructure.storage.BlobStoreContract;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDiskBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    private BlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = new LocalDiskBlobStore(root);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Test
    void theDiskOffersNoDownloadUrlSoTheGatewayServesTheBytes() throws IOException {
        String key = newKey("wav");
        store.put(key, randomBytes(10, 5), "audio/wav");

        assertThat(store.downloadUrl(key, Duration.ofMinutes(5), "job_x.wav", "audio/wav"))
                .isEmpty();
    }
}
