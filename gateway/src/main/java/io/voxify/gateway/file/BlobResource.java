package io.voxify.gateway.file;

import io.voxify.saga.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * A stored blob as a Spring resource with a known length, so the MVC layer can answer Range
 * requests (206) from it without reading what it skips into memory.
 */
final class BlobResource extends AbstractResource {
    private final BlobStore blobs;
    private final String key;
    private final long length;
    private final String filename;

    BlobResource(BlobStore blobs, String key, long length, String filename) {
        this.blobs = blobs;
        this.key = key;
        this.length = length;
        this.filename = filename;
    }

    @Override
    public String getDescription() {
        return "audio " + filename;
    }

    @Override
    public String getFilename() {
        return filename;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public boolean isReadable() {
        return true;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return blobs.open(key, 0);
    }
}
