package io.voxify.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sample's recording for its owner (GET /api/v1/voice/samples/{id}/audio and its signed link): the
 * bytes uploaded, with Range requests and an ETag; nobody else's, and never a path the client names.
 */
class SampleAudioTest {
    private final RunningApp app = RunningApp.shared();

    private static String upload(ApiClient user, byte[] wav, String name) {
        ApiClient.Response r = user.multipart("/api/v1/voice/samples", Map.of("name", name), name + ".wav", wav);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    @Test
    void theOwnerGetsTheRecordingWithRangesAndEtagsAndNobodyElseDoes() throws Exception {
        ApiClient owner = app.client().newUser();
        ApiClient stranger = app.client().newUser();
        byte[] wav = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav");
        String id = upload(owner, wav, "reading");
        String path = "/api/v1/voice/samples/" + id + "/audio";

        ApiClient.Response full = owner.get(path);
        assertThat(full.status()).as(full.text()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(wav);
        assertThat(full.header("Content-Type")).isEqualTo("audio/wav");
        assertThat(full.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(full.header("Content-Disposition")).startsWith("inline").contains(id + ".wav");
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wav));
        assertThat(full.header("ETag")).isEqualTo("\"" + sha + "\"");
        assertThat(owner.get(path + "?download=true").header("Content-Disposition"))
                .startsWith("attachment");

        ApiClient.Response part = owner.get(path, Map.of("Range", "bytes=100-1099"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-1099/" + wav.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(wav, 100, 1100));
        ApiClient.Response tail = owner.get(path, Map.of("Range", "bytes=-64"));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(wav, wav.length - 64, wav.length));
        assertThat(owner.get(path, Map.of("If-None-Match", full.header("ETag"))).status())
                .isEqualTo(304);

        // Bad input answers 4xx in the envelope, never 5xx.
        ApiClient.Response beyond = owner.get(path, Map.of("Range", "bytes=" + (wav.length + 10) + "-"));
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.errorCode()).isEqualTo("RANGE_NOT_SATISFIABLE");
        assertThat(beyond.json().path("error").path("details").path("size").asLong())
                .isEqualTo(wav.length);
        assertThat(owner.get(path, Map.of("Range", "bytes=abc")).errorCode()).isEqualTo("RANGE_NOT_SATISFIABLE");
        ApiClient.Response badFlag = owner.get(path + "?download=maybe");
        assertThat(badFlag.status()).as(badFlag.text()).isEqualTo(400);
        assertThat(badFlag.json().path("success").asBoolean(true)).isFalse();
        for (String probe : new String[] {
            "vs_missing",
            "..",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "samples%2F" + id,
            owner.userId() + "%2F" + id + ".wav"
        }) {
            ApiClient.Response r = owner.get("/api/v1/voice/samples/" + probe + "/audio");
            assertThat(r.status()).as(probe + ": " + r.text()).isBetween(400, 404);
            assertThat(r.json().path("success").asBoolean(true)).as(probe).isFalse();
        }

        // Another user's sample is the same 404 as no sample at all; without a token, 401.
        ApiClient.Response foreign = stranger.get(path);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("SAMPLE_NOT_FOUND");
        assertThat(stranger.get(path, Map.of("Range", "bytes=0-9")).status()).isEqualTo(404);
        assertThat(stranger.post(path + "/link", Map.of()).errorCode()).isEqualTo("SAMPLE_NOT_FOUND");
        assertThat(app.client().get(path).status()).isEqualTo(401);
        assertThat(app.client().post(path + "/link", Map.of()).status()).isEqualTo(401);

        // Deleted: gone for its owner too.
        assertThat(owner.delete("/api/v1/voice/samples/" + id).status()).isEqualTo(200);
        assertThat(owner.get(path).errorCode()).isEqualTo("SAMPLE_NOT_FOUND");
    }

    @Test
    void aSignedLinkPlaysOneSampleWithRangesAndNothingElse() {
        ApiClient owner = app.client().newUser();
        ApiClient anonymous = app.client();
        byte[] wav = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0870.wav");
        String id = upload(owner, wav, "linked");
        String otherId = upload(
                owner, SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav"), "other");

        var link = owner.post("/api/v1/voice/samples/" + id + "/audio/link", Map.of())
                .data();
        String url = link.get("url").asText();
        assertThat(url).startsWith("/api/v1/voice/samples/" + id + "/audio/signed?user=" + owner.userId() + "&");
        assertThat(Instant.parse(link.get("expires_at").asText())).isAfter(Instant.now());

        ApiClient.Response played = anonymous.get(url);
        assertThat(played.status()).as(played.text()).isEqualTo(200);
        assertThat(played.body()).isEqualTo(wav);
        assertThat(played.header("Content-Type")).isEqualTo("audio/wav");
        assertThat(played.header("Content-Disposition")).startsWith("inline");
        ApiClient.Response part = anonymous.get(url, Map.of("Range", "bytes=44-143"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(wav, 44, 144));

        // Only this sample, unaltered, and never as a job's file.
        String signature = url.substring(url.indexOf("signature=") + "signature=".length());
        String forged = url.replace(signature, (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1));
        assertThat(anonymous.get(forged).errorCode()).isEqualTo("SAMPLE_NOT_FOUND");
        assertThat(anonymous.get(url.replace("expires=", "expires=1")).errorCode())
                .isEqualTo("SAMPLE_NOT_FOUND");
        assertThat(anonymous.get(url.replace("expires=", "expires=x")).errorCode())
                .isEqualTo("SAMPLE_NOT_FOUND");
        assertThat(anonymous.get(url.replace(id, otherId)).errorCode()).isEqualTo("SAMPLE_NOT_FOUND");
        assertThat(anonymous
                        .get("/api/v1/voice/samples/" + id + "/audio/signed")
                        .errorCode())
                .isEqualTo("SAMPLE_NOT_FOUND");
        assertThat(anonymous
                        .get(url.replace(
                                "/api/v1/voice/samples/" + id + "/audio/signed",
                                "/api/v1/files/audio/" + id + "/signed"))
                        .errorCode())
                .isEqualTo("FILE_NOT_FOUND");
        String stranger = app.client().newUser().userId();
        assertThat(anonymous
                        .get(url.replace("user=" + owner.userId(), "user=" + stranger))
                        .errorCode())
                .isEqualTo("SAMPLE_NOT_FOUND");
        assertThat(anonymous.withToken(signature).get("/api/v1/voice/samples").status())
                .isEqualTo(401);

        assertThat(owner.delete("/api/v1/voice/samples/" + id).status()).isEqualTo(200);
        assertThat(anonymous.get(url).errorCode())
                .as("a link ends with its sample")
                .isEqualTo("SAMPLE_NOT_FOUND");
    }
}
