package io.voxify.gateway.file;

import io.voxify.infrastructure.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * A stored blob as a Spring resource with a known length, so the MVC layer can answer Range
 * requests (206) from it. MVC skips to a range's start before reading; the stream opens the blob
 * only then, at that offset, so an object store sends just the range instead of everything before it.
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
    public InputStream getInputStream() {
        return new OpenOnFirstRead();
    }

    private final class OpenOnFirstRead extends InputStream {
        private long offset;
        private InputStream opened;

        private InputStream opened() throws IOException {
            if (opened == null) {
                opened = blobs.open(key, offset);
            }
            return opened;
        }

        @Override
        public long skip(long n) throws IOException {
            if (opened != null) {
                return opened.skip(n);
            }
            long skipped = Math.max(0, Math.min(n, length - offset));
            offset += skipped;
            return skipped;
        }

        @Override
        public int read() throws IOException {
            return opened().read();
        }

        @Override
        public int read(byte[] buffer, int from, int count) throws IOException {
            return opened().read(buffer, from, count);
        }

        @Override
        public void close() throws IOException {
            if (opened != null) {
                opened.close();
            }
        }
    }
}
