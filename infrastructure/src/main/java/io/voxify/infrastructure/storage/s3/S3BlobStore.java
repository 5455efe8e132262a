package io.voxify.infrastructure.storage.s3;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.http.Method;
import io.minio.messages.Item;
import io.voxify.infrastructure.storage.BlobKeys;
import io.voxify.infrastructure.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.http.ContentDisposition;

/**
 * Blobs as objects in one bucket of an S3 server (MinIO or any S3), through the MinIO client. An
 * object appears whole when its upload completes, so a reader never sees half a blob. Every
 * failure of the server reaches the caller as an {@link IOException}; a missing object as a
 * {@link NoSuchFileException}, as on the local disk.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject");
    /** The longest validity S3 allows a presigned URL (seven days). */
    private static final Duration LONGEST_TTL = Duration.ofDays(7);

    private final MinioClient client;
    private final String bucket;

    /**
     * Connects and creates the bucket when it is missing, so a store that starts is one that
     * answers. A blank region lets the client ask the server for it.
     */
    public S3BlobStore(String endpoint, String region, String accessKey, String secretKey, String bucket)
            throws IOException {
        this.client = MinioClient.builder()
                .endpoint(endpoint)
                .region(region == null || region.isBlank() ? null : region)
                .credentials(accessKey, secretKey)
                .build();
        this.bucket = bucket;
        createBucketIfMissing();
    }

    private void createBucketIfMissing() throws IOException {
        call("bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    // Another node created it in between.
                    if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void put(String key, byte[] content, String contentType) throws IOException {
        call(
                BlobKeys.checked(key),
                () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(
                                new ByteArrayInputStream(content), content.length, -1)
                        .contentType(contentType)
                        .build()));
    }

    /** The client uploads in parts of 5 MiB and holds one part at a time. */
    @Override
    public void put(String key, InputStream content, long size, String contentType) throws IOException {
        call(
                BlobKeys.checked(key),
                () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(content, size, -1)
                        .contentType(contentType)
                        .build()));
    }

    @Override
    public InputStream open(String key, long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("Negative offset " + offset);
        }
        return call(BlobKeys.checked(key), () -> {
            try {
                return client.getObject(GetObjectArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .offset(offset > 0 ? offset : null)
                        .build());
            } catch (ErrorResponseException e) {
                // A range starting at or past the end of an existing object: nothing left to read.
                if ("InvalidRange".equals(e.errorResponse().code())) {
                    return InputStream.nullInputStream();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean exists(String key) {
        try {
            size(key);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long size(String key) throws IOException {
        return call(
                        BlobKeys.checked(key),
                        () -> client.statObject(StatObjectArgs.builder()
                                .bucket(bucket)
                                .object(key)
                                .build()))
                .size();
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            call(BlobKeys.checked(key), () -> {
                client.removeObject(
                        RemoveObjectArgs.builder().bucket(bucket).object(key).build());
                return null;
            });
        } catch (NoSuchFileException alreadyGone) {
            // Removing a missing blob is not an error.
        }
    }

    @Override
    public void list(String folder, Consumer<Listed> each) throws IOException {
        String prefix = BlobKeys.checked(folder) + "/";
        call(folder, () -> {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket)
                    .prefix(prefix)
                    .recursive(true)
                    .build())) {
                Item item = result.get();
                if (!item.isDir() && BlobKeys.valid(item.objectName())) {
                    each.accept(new Listed(
                            item.objectName(), item.size(), item.lastModified().toInstant()));
                }
            }
            return null;
        });
    }

    /**
     * A presigned GET; the response-content-* parameters are signed with it, so the server
     * answers with the download's name and type rather than what the object was stored with.
     */
    @Override
    public Optional<URI> downloadUrl(String key, Duration ttl, String filename, String contentType) throws IOException {
        BlobKeys.checked(key);
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(LONGEST_TTL) > 0) {
            throw new IllegalArgumentException("A download URL lives between 1 second and 7 days, not " + ttl);
        }
        Map<String, String> response = Map.of(
                "response-content-disposition",
                ContentDisposition.attachment().filename(filename).build().toString(),
                "response-content-type",
                contentType);
        String url = call(
                key,
                () -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                        .method(Method.GET)
                        .bucket(bucket)
                        .object(key)
                        .expiry((int) ttl.toSeconds())
                        .extraQueryParams(response)
                        .build()));
        return Optional.of(URI.create(url));
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot close the S3 client", e);
        }
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws IOException, MinioException, GeneralSecurityException;
    }

    /** Runs one request, turning the client's many checked exceptions into the port's IOException. */
    private <T> T call(String key, S3Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (ErrorResponseException e) {
            if (MISSING.contains(e.errorResponse().code())) {
                NoSuchFileException missing = new NoSuchFileException(key);
                missing.initCause(e);
                throw missing;
            }
            throw new IOException(
                    "S3 refused " + key + " in bucket " + bucket + ": "
                            + e.errorResponse().code() + " " + e.errorResponse().message(),
                    e);
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("S3 failed on " + key + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }
}
