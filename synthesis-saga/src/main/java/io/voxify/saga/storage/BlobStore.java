package io.voxify.saga.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where audio lives. Keys are made by the server (never taken from a client) and look like
 * relative paths: {@code audio/job_x/file_y.wav}.
 */
public interface BlobStore {

    void put(String key, byte[] content, String contentType) throws IOException;

    /** Opens the blob at {@code offset} bytes; the caller closes the stream. */
    InputStream open(String key, long offset) throws IOException;

    boolean exists(String key);

    long size(String key) throws IOException;

    /** Removes the blob; removing a missing blob is not an error. */
    void delete(String key) throws IOException;
}
