package io.voxify.infrastructure.storage;

import io.voxify.infrastructure.DataDirectories;
import io.voxify.infrastructure.storage.disk.LocalDiskBlobStore;
import io.voxify.infrastructure.storage.s3.S3BlobStore;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The blob store, chosen by {@code voxify.storage.type}: files in the data directory unless told otherwise. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StorageProperties.class, DataDirectories.class})
public class StorageConfiguration {

    /** Embedded default: blobs as files in the data directory. */
    @Bean
    @ConditionalOnProperty(name = "voxify.storage.type", havingValue = "local", matchIfMissing = true)
    BlobStore localBlobStore(DataDirectories directories) throws IOException {
        return new LocalDiskBlobStore(directories.dataDir().resolve("blobs"));
    }

    /** Infra profile: blobs in an S3 bucket (MinIO or any S3), created at start-up when missing. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "voxify.storage.type", havingValue = "s3")
    BlobStore s3BlobStore(StorageProperties properties) throws IOException {
        StorageProperties.S3 s3 = properties.s3();
        if (s3.endpoint().isBlank()
                || s3.accessKey().isBlank()
                || s3.secretKey().isBlank()) {
            throw new IllegalStateException("voxify.storage.type=s3 needs voxify.storage.s3.endpoint, access-key and "
                    + "secret-key (VOXIFY_S3_ENDPOINT, VOXIFY_S3_ACCESS_KEY, VOXIFY_S3_SECRET_KEY)");
        }
        return new S3BlobStore(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey(), s3.bucket());
    }
}
