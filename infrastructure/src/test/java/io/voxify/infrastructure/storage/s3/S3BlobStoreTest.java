package io.voxify.infrastructure.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.voxify.infrastructure.storage.BlobStore;
import io.voxify.infrastructure.storage.BlobStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real S3 server, plus what only object storage offers: presigned downloads. */
class S3BlobStoreTest extends BlobStoreContract {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static S3TestServer server;
    private static MinioClient inspector;
    private static String bucket;
    private static S3BlobStore store;

    @BeforeAll
    static void startServer() throws IOException {
        server = S3TestServer.start();
        inspector = server.client();
        bucket = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        store = newStore(server, server.secretKey());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (store != null) {
            store.close();
        }
        if (inspector != null) {
            inspector.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static S3BlobStore newStore(S3TestServer on, String secretKey) throws IOException {
        return new S3BlobStore(on.endpoint(), S3TestServer.REGION, on.accessKey(), secretKey, bucket);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    private static HttpResponse<byte[]> fetch(URI url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theBucketIsCreatedAtStartUpAndAnotherStoreOnItSharesTheBlobs() throws Exception {
        assertThat(inspector.bucketExists(
                        BucketExistsArgs.builder().bucket(bucket).build()))
                .isTrue();
        String key = newKey("wav");
        store.put(key, randomBytes(64, 6), "audio/wav");

        try (S3BlobStore second = newStore(server, server.secretKey())) {
            assertThat(read(second, key, 0)).isEqualTo(randomBytes(64, 6));
        }
    }

    @Test
    void theContentTypeIsStoredWithTheObject() throws Exception {
        String key = newKey("mp3");
        store.put(key, randomBytes(300, 7), "audio/mpeg");

        assertThat(inspector
                        .statObject(StatObjectArgs.builder()
                                .bucket(bucket)
                                .object(key)
                                .build())
                        .contentType())
                .isEqualTo("audio/mpeg");
    }

    @Test
    void aPresignedUrlServesTheBytesUnderTheDownloadNameWithoutCredentials() throws Exception {
        String key = newKey("wav");
        byte[] content = randomBytes(50_000, 8);
        store.put(key, content, "application/octet-stream");

        URI url = store.downloadUrl(key, Duration.ofMinutes(5), "job_abc.wav", "audio/wav")
                .orElseThrow();
        HttpResponse<byte[]> response = fetch(url);

        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"job_abc.wav\"");

        URI forged = URI.create(url.toString().replace(key, newKey("wav")));
        assertThat(fetch(forged).statusCode())
                .as("the signature covers the key")
                .isEqualTo(403);
    }

    @Test
    void anExpiredUrlIsRefusedWhileAFreshOneForTheSameBlobStillWorks() throws Exception {
        String key = newKey("wav");
        byte[] content = randomBytes(1_000, 9);
        store.put(key, content, "audio/wav");
        URI shortLived = store.downloadUrl(key, Duration.ofSeconds(2), "a.wav", "audio/wav")
                .orElseThrow();
        URI longLived = store.downloadUrl(key, Duration.ofMinutes(5), "a.wav", "audio/wav")
                .orElseThrow();

        Thread.sleep(3_000);
        int status = fetch(shortLived).statusCode();
        for (int i = 0; i < 20 && status == 200; i++) {
            Thread.sleep(500);
            status = fetch(shortLived).statusCode();
        }

        assertThat(status).isEqualTo(403);
        HttpResponse<byte[]> fresh = fetch(longLived);
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).isEqualTo(content);
    }

    @Test
    void aLifetimeS3CannotSignIsRefused() {
        String key = newKey("wav");
        assertThatThrownBy(() -> store.downloadUrl(key, Duration.ofMillis(500), "a.wav", "audio/wav"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.downloadUrl(key, Duration.ofDays(8), "a.wav", "audio/wav"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrongCredentialsFailAtStartUp() {
        assertThatThrownBy(() -> newStore(server, "not-the-secret"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aServerThatIsGoneSurfacesAsIOExceptionNotAsAMissingBlob() throws IOException {
        String key = newKey("wav");
        S3TestServer doomed = S3TestServer.start();
        try (S3BlobStore orphan = newStore(doomed, doomed.secretKey())) {
            orphan.put(key, randomBytes(10, 10), "audio/wav");
            doomed.close();

            assertThatThrownBy(() -> orphan.put(newKey("wav"), new byte[] {1}, "audio/wav"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> read(orphan, key, 0))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> orphan.size(key))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> orphan.exists(key)).isInstanceOf(UncheckedIOException.class);
            assertThatThrownBy(() -> orphan.delete(key)).isInstanceOf(IOException.class);
        } finally {
            doomed.close();
        }
    }
}
