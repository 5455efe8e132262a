package io.voxify.gateway.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.messages.Item;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import io.voxify.infrastructure.storage.s3.S3TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The application on the S3 adapter (the infra profile's blob store) against a real S3 server. */
class S3StorageTest {

    @Test
    void audioAndSamplesLiveInTheBucketAndFullDownloadsCanGoStraightToIt() throws Exception {
        Path dataDir = RunningApp.tempDir("voxify-s3-");
        String bucket = "voxify-it-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "s3-" + UUID.randomUUID() + "@example.com";
        try (S3TestServer s3 = S3TestServer.start();
                MinioClient bucketView = s3.client()) {
            Map<String, Object> storage = Map.of(
                    "voxify.storage.type",
                    "s3",
                    "voxify.storage.s3.endpoint",
                    s3.endpoint(),
                    "voxify.storage.s3.access-key",
                    s3.accessKey(),
                    "voxify.storage.s3.secret-key",
                    s3.secretKey(),
                    "voxify.storage.s3.bucket",
                    bucket);
            String jobId;
            String fileId;
            byte[] audio;
            try (RunningApp app = RunningApp.start(dataDir, storage)) {
                ApiClient anonymous = app.client();
                anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
                ApiClient user = anonymous.login(email, ApiClient.PASSWORD);
                jobId = user.createJob(Map.of("text_content", "Stored in a bucket, far from the gateway."))
                        .get("id")
                        .asText();
                fileId = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60))
                        .get("file_id")
                        .asText();

                ApiClient.Response streamed = user.get("/api/v1/files/audio/" + fileId);
                assertThat(streamed.status()).isEqualTo(200);
                assertThat(streamed.header("Location")).isNull();
                audio = streamed.body();
                assertThat(streamed.header("ETag")).isEqualTo("\"" + sha256(audio) + "\"");

                List<String> audioKeys = keys(bucketView, bucket, "audio/" + jobId + "/");
                assertThat(audioKeys).containsExactly("audio/" + jobId + "/" + fileId + ".wav");
                assertThat(object(bucketView, bucket, audioKeys.get(0))).isEqualTo(audio);
                assertThat(bucketView
                                .statObject(StatObjectArgs.builder()
                                        .bucket(bucket)
                                        .object(audioKeys.get(0))
                                        .build())
                                .contentType())
                        .isEqualTo("audio/wav");
                assertThat(dataDir.resolve("blobs"))
                        .as("nothing goes to the local disk")
                        .doesNotExist();

                String userId = user.userId();
                byte[] wav = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav");
                ApiClient.Response uploaded =
                        user.multipart("/api/v1/voice/samples", Map.of("name", "In the bucket"), "me.wav", wav);
                assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
                String sampleId = uploaded.data().get("id").asText();
                List<String> sampleKeys = keys(bucketView, bucket, "samples/" + userId + "/");
                assertThat(sampleKeys).containsExactly("samples/" + userId + "/" + sampleId + ".wav");
                assertThat(object(bucketView, bucket, sampleKeys.get(0))).isEqualTo(wav);

                assertThat(user.delete("/api/v1/voice/samples/" + sampleId).status())
                        .isEqualTo(200);
                assertThat(keys(bucketView, bucket, "samples/" + userId + "/"))
                        .as("deleting a sample removes it")
                        .isEmpty();
            }

            Map<String, Object> redirecting = new HashMap<>(storage);
            redirecting.put("voxify.storage.s3.redirect-downloads", true);
            try (RunningApp app = RunningApp.start(dataDir, redirecting)) {
                ApiClient user = app.client().login(email, ApiClient.PASSWORD);
                String path = "/api/v1/files/audio/" + fileId;

                ApiClient.Response redirect = user.get(path);
                assertThat(redirect.status()).isEqualTo(302);
                assertThat(redirect.header("Cache-Control")).contains("no-store");
                URI location = URI.create(redirect.header("Location"));
                assertThat(location.getAuthority())
                        .isEqualTo(URI.create(s3.endpoint()).getAuthority());
                HttpResponse<byte[]> direct = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(location)
                                        .timeout(Duration.ofSeconds(30))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                assertThat(direct.statusCode())
                        .as("the presigned URL needs no token")
                        .isEqualTo(200);
                assertThat(direct.body()).isEqualTo(audio);
                assertThat(direct.headers().firstValue("Content-Type")).hasValue("audio/wav");
                assertThat(direct.headers().firstValue("Content-Disposition"))
                        .hasValue("attachment; filename=\"" + jobId + ".wav\"");

                ApiClient.Response stranger = app.client().newUser().get(path);
                assertThat(stranger.status()).isEqualTo(404);
                assertThat(stranger.errorCode()).isEqualTo("FILE_NOT_FOUND");
                assertThat(stranger.header("Location"))
                        .as("no URL leaks to another user")
                        .isNull();

                ApiClient.Response part = user.get(path, Map.of("Range", "bytes=100-199"));
                assertThat(part.status()).isEqualTo(206);
                assertThat(part.body()).isEqualTo(Arrays.copyOfRange(audio, 100, 200));

                ApiClient.Response head = user.raw("HEAD", path, null, new byte[0]);
                assertThat(head.status()).isEqualTo(200);
                assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(audio.length));

                ApiClient.Response inline = user.get(path + "?download=false");
                assertThat(inline.status())
                        .as("inline playback is served by the gateway")
                        .isEqualTo(200);
                assertThat(inline.body()).isEqualTo(audio);

                assertThat(user.get(path, Map.of("If-None-Match", "\"" + sha256(audio) + "\""))
                                .status())
                        .isEqualTo(304);
                JsonNode info = user.get("/api/v1/files/" + fileId + "/info").data();
                assertThat(info.get("size").asLong()).isEqualTo(audio.length);

                s3.close();
                ApiClient.Response unavailable = user.get(path);
                assertThat(unavailable.status())
                        .as("a store that is down is not a server error")
                        .isEqualTo(503);
                assertThat(unavailable.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(user.get(path, Map.of("Range", "bytes=0-9")).status())
                        .isEqualTo(503);
            }
        }
    }

    private static List<String> keys(MinioClient client, String bucket, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(prefix)
                .recursive(true)
                .build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    private static byte[] object(MinioClient client, String bucket, String key) throws Exception {
        try (InputStream in = client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
