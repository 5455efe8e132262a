package io.voxify.infrastructure.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where audio lives. Keys are made by the server (never taken from a client) and look like
 * relative paths: {@code audio/job_x/file_y.wav}.
 */
public interface BlobStore {

    void put(String key, byte[] content, String contentType) throws IOException;

    /**
     * Stores {@code size} bytes read from {@code content} without holding them all in memory (the caller
     * closes the stream); a stream that ends before {@code size} bytes is an {@link IOException} and stores
     * nothing.
     */
    void put(String key, InputStream content, long size, String contentType) throws IOException;

    /** Opens the blob at {@code offset} bytes; the caller closes the stream. */
    InputStream open(String key, long offset) throws IOException;

    boolean exists(String key);

    long size(String key) throws IOException;

    /** Removes the blob; removing a missing blob is not an error. */
    void delete(String key) throws IOException;

    /** A blob as a listing shows it. */
    record Listed(String key, long size, Instant lastModified) {}

    /**
     * Hands every blob whose key starts with {@code folder + "/"} to {@code each}, in no set order. Objects
     * that are not server-made keys (a store shared with something else) are left out.
     */
    void list(String folder, Consumer<Listed> each) throws IOException;

    /**
     * A URL anyone holding it may fetch the blob from, directly from the store, until {@code ttl}
     * has passed; the response names the file {@code filename} and types it {@code contentType}.
     * Empty when the store cannot hand out such URLs, so the caller serves the bytes itself.
     */
    default Optional<URI> downloadUrl(String key, Duration ttl, String filename, String contentType)
            throws IOException {
        BlobKeys.checked(key);
        return Optional.empty();
    }
}
