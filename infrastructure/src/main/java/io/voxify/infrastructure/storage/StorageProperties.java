package io.voxify.infrastructure.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.storage}: which blob store a node uses, how it reaches an S3 server, how downloads leave it, and
 * how often unreferenced blobs are swept.
 *
 * @param type {@code local} (files under the data directory, the embedded default) or {@code s3}
 */
@ConfigurationProperties("voxify.storage")
public record StorageProperties(
        @DefaultValue("local") String type,
        @DefaultValue S3 s3,
        @DefaultValue Sweep sweep) {

    /**
     * One bucket of an S3 server (MinIO or any S3), created at start-up when missing.
     *
     * @param redirectDownloads full downloads answer 302 to a presigned URL, so the bytes come from the store
     * @param presignTtl how long such a URL stays valid
     */
    public record S3(
            @DefaultValue("") String endpoint,
            @DefaultValue("") String region,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey,
            @DefaultValue("voxify") String bucket,
            @DefaultValue("false") boolean redirectDownloads,
            @DefaultValue("PT5M") Duration presignTtl) {}

    /**
     * The sweep of blobs no read model refers to.
     *
     * @param minAge a blob younger than this is never swept (its job or sample may not be projected yet)
     */
    public record Sweep(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT24H") Duration minAge,
            @DefaultValue("PT6H") Duration interval,
            @DefaultValue("PT15M") Duration initialDelay) {}
}
