package io.voxify.gateway.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileDownloadTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void downloadsSupportRangesEtagsAndDescribeThemselves() throws Exception {
        ApiClient user = app.client().newUser();
        String jobId = user.createJob(Map.of(
                        "text_content",
                        "Seeking through a short clip of speech.",
                        "output_format",
                        "mp3",
                        "sample_rate",
                        24000))
                .get("id")
                .asText();
        JsonNode done = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
        String fileId = done.get("file_id").asText();

        ApiClient.Response full = user.get("/api/v1/files/audio/" + fileId);
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.header("Content-Type")).isEqualTo("audio/mpeg");
        assertThat(full.header("Accept-Ranges")).isEqualTo("bytes");
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(full.body()));
        assertThat(full.header("ETag")).isEqualTo("\"" + sha + "\"");

        ApiClient.Response part = user.get("/api/v1/files/audio/" + fileId, Map.of("Range", "bytes=100-199"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/" + full.body().length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(full.body(), 100, 200));

        ApiClient.Response tail = user.get("/api/v1/files/audio/" + fileId, Map.of("Range", "bytes=-50"));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(full.body(), full.body().length - 50, full.body().length));

        ApiClient.Response unsatisfiable =
                user.get("/api/v1/files/audio/" + fileId, Map.of("Range", "bytes=" + (full.body().length + 10) + "-"));
        assertThat(unsatisfiable.status()).isEqualTo(416);

        ApiClient.Response notModified =
                user.get("/api/v1/files/audio/" + fileId, Map.of("If-None-Match", full.header("ETag")));
        assertThat(notModified.status()).isEqualTo(304);

        JsonNode info = user.get("/api/v1/files/" + fileId + "/info").data();
        assertThat(info.get("size").asLong()).isEqualTo(full.body().length);
        assertThat(info.get("sha256").asText()).isEqualTo(sha);
        assertThat(info.get("format").asText()).isEqualTo("mp3");
        assertThat(info.get("sample_rate").asInt()).isEqualTo(24000);
        assertThat(info.get("channels").asInt()).isEqualTo(1);
        assertThat(info.get("duration").asDouble()).isGreaterThan(1.0);
        assertThat(info.get("job_id").asText()).isEqualTo(jobId);
        assertThat(user.get("/api/v1/files/" + jobId + "/info")
                        .data()
                        .get("file_id")
                        .asText())
                .isEqualTo(fileId);
    }

    @Test
    void aSignedLinkServesOneFileWithRangesWithoutTheTokenAndNothingElse() {
        ApiClient user = app.client().newUser();
        ApiClient other = app.client().newUser();
        ApiClient anonymous = app.client();
        String jobId = user.createJob(Map.of("text_content", "A signed link for the audio element."))
                .get("id")
                .asText();
        JsonNode done = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
        String fileId = done.get("file_id").asText();
        byte[] whole = user.get("/api/v1/files/audio/" + fileId).body();

        JsonNode link =
                user.post("/api/v1/files/audio/" + fileId + "/link", Map.of()).data();
        String url = link.get("url").asText();
        assertThat(url).startsWith("/api/v1/files/audio/" + fileId + "/signed?");
        assertThat(java.time.Instant.parse(link.get("expires_at").asText())).isAfter(java.time.Instant.now());

        ApiClient.Response played = anonymous.get(url);
        assertThat(played.status()).isEqualTo(200);
        assertThat(played.body()).isEqualTo(whole);
        assertThat(played.header("Content-Disposition")).startsWith("inline");
        ApiClient.Response part = anonymous.get(url, Map.of("Range", "bytes=10-19"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole, 10, 20));
        assertThat(anonymous.get(url + "&download=true").header("Content-Disposition"))
                .startsWith("attachment");

        // The link is for this file only, unaltered; another user gets no link to it.
        String signature = url.substring(url.indexOf("signature=") + "signature=".length());
        String forged = url.replace(signature, (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1));
        assertThat(anonymous.get(forged).errorCode()).isEqualTo("FILE_NOT_FOUND");
        assertThat(anonymous.get(url.replace("expires=", "expires=1")).errorCode())
                .isEqualTo("FILE_NOT_FOUND");
        assertThat(anonymous.get("/api/v1/files/audio/" + fileId + "/signed").errorCode())
                .isEqualTo("FILE_NOT_FOUND");
        String otherJob = user.createJob(Map.of("text_content", "Another file."))
                .get("id")
                .asText();
        String otherFile = user.awaitJob(
                        otherJob, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60))
                .get("file_id")
                .asText();
        assertThat(anonymous.get(url.replace(fileId, otherFile)).errorCode()).isEqualTo("FILE_NOT_FOUND");
        assertThat(other.post("/api/v1/files/audio/" + fileId + "/link", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(anonymous
                        .post("/api/v1/files/audio/" + fileId + "/link", Map.of())
                        .status())
                .isEqualTo(401);
        // A link is not a token.
        assertThat(anonymous.withToken(signature).get("/api/v1/job").status()).isEqualTo(401);
    }
}
