package io.voxify.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.UploadVoiceSampleCommand;
import io.voxify.gateway.limits.DailyQuotas;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/**
 * Uploads are judged by their bytes; every bad one is refused with its code and leaves nothing behind; a
 * good one is processed as it arrives, and asking again answers the run in force.
 */
public class SampleUploadTest {
    public static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");
    private final RunningApp app = RunningApp.shared();

    public static byte[] humanRecording(String name) {
        Path file = LIBRIVOX.resolve(name);
        if (!Files.exists(file)) {
            throw new AssertionError(
                    "Missing " + file + ": run scripts/ensure-packages.sh test (pocketsphinx-testdata)");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Path> storedSamplesOf(String userId) throws IOException {
        Path dir = app.dataDir().resolve("blobs").resolve("samples").resolve(userId);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void aGoodRecordingIsStoredAndDescribed() throws IOException {
        ApiClient user = app.client().newUser();
        byte[] wav = humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav");
        ApiClient.Response r = user.multipart(
                "/api/v1/voice/samples",
                Map.of("name", "My voice", "description", "Reading", "language", "en-US"),
                "anything.bin",
                wav);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode sample = r.data();
        assertThat(sample.get("id").asText())
                .startsWith("vs_")
                .isEqualTo(sample.get("sample_id").asText());
        assertThat(sample.get("status").asText())
                .as("processed as it is uploaded")
                .isIn("processing", "processed");
        assertThat(sample.get("processing_job_id").asText()).startsWith("proc_");
        assertThat(sample.at("/processing/started").asBoolean()).isTrue();
        assertThat(sample.at("/processing/processing_job_id").asText())
                .isEqualTo(sample.get("processing_job_id").asText());
        assertThat(r.json().get("message").asText()).contains("processing started");
        assertThat(sample.get("format").asText()).isEqualTo("wav");
        assertThat(sample.get("sample_rate").asInt()).isEqualTo(16000);
        assertThat(sample.get("channels").asInt()).isEqualTo(1);
        assertThat(sample.get("duration").asDouble()).isBetween(2.0, 10.0);
        assertThat(storedSamplesOf(user.userId())).hasSize(1);
        assertThat(Files.readAllBytes(storedSamplesOf(user.userId()).get(0))).isEqualTo(wav);

        ApiClient.Response again = user.multipart("/api/v1/voice/samples", Map.of("name", "Again"), "again.wav", wav);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("DUPLICATE_SAMPLE");
        assertThat(again.json()
                        .path("error")
                        .path("details")
                        .path("existing_sample_id")
                        .asText())
                .isEqualTo(sample.get("id").asText());
        assertThat(app.client()
                        .newUser()
                        .multipart("/api/v1/voice/samples", Map.of("name", "Mine too"), "x.wav", wav)
                        .status())
                .as("another user may upload the same bytes")
                .isEqualTo(201);

        JsonNode listed = user.get("/api/v1/voice/samples").json();
        assertThat(listed.path("meta").path("pagination").path("total_count").asInt())
                .isEqualTo(1);
        assertThat(app.client()
                        .newUser()
                        .get("/api/v1/voice/samples/" + sample.get("id").asText())
                        .status())
                .isEqualTo(404);

        // Most likely still being processed: a sample may be deleted all the same.
        ApiClient.Response deleted =
                user.delete("/api/v1/voice/samples/" + sample.get("id").asText());
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(storedSamplesOf(user.userId())).isEmpty();
        assertThat(user.get("/api/v1/voice/samples/" + sample.get("id").asText())
                        .status())
                .isEqualTo(404);
        assertThat(user.multipart("/api/v1/voice/samples", Map.of("name", "Back"), "back.wav", wav)
                        .status())
                .as("a deleted recording may be uploaded again")
                .isEqualTo(201);
    }

    /**
     * The gateway's look-up before storing only spares it a duplicate's bytes: the rule is kept where the upload
     * command is handled, so an upload that slips past the look-up (two sent at once) is refused all the same.
     */
    @Test
    void anUploadOfARecordingTheUserHasIsRefusedWhereTheCommandIsHandled() throws Exception {
        ApiClient user = app.client().newUser();
        byte[] wav = humanRecording("sense_and_sensibility_01_austen_64kb-0920.wav");
        ApiClient.Response first = user.multipart("/api/v1/voice/samples", Map.of("name", "First"), "f.wav", wav);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String firstId = first.data().get("id").asText();
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wav));
        UploadVoiceSampleCommand slippedPast = new UploadVoiceSampleCommand(
                "vs_slipped_" + UUID.randomUUID(),
                user.userId(),
                "Again",
                null,
                "en",
                null,
                new SampleAudio(
                        "samples/" + user.userId() + "/again.wav", sha, "wav", wav.length, 3.0, 16000, 1, "again.wav"),
                null);

        assertThatThrownBy(() -> app.bean(CommandGateway.class).sendAndWait(slippedPast))
                .isInstanceOfSatisfying(DomainException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.DUPLICATE_SAMPLE);
                    assertThat(refused.details()).isEqualTo(Map.of("existing_sample_id", firstId));
                });
    }

    @Test
    void processingAskedForAgainAnswersTheRunInForceAndForceStartsANewOne() {
        ApiClient user = app.client().newUser();
        DailyQuotas quotas = app.bean(DailyQuotas.class);
        ApiClient.Response uploaded = user.multipart(
                "/api/v1/voice/samples",
                Map.of("name", "Twice"),
                "t.wav",
                humanRecording("sense_and_sensibility_01_austen_64kb-0890.wav"));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String id = uploaded.data().get("id").asText();
        String path = "/api/v1/voice/samples/" + id + "/process";
        String firstRun = uploaded.data().get("processing_job_id").asText();

        ApiClient.Response whileRunning = user.post(path, Map.of());
        assertThat(whileRunning.status()).as(whileRunning.text()).isEqualTo(200);
        assertThat(whileRunning.data().get("processing_job_id").asText()).isEqualTo(firstRun);
        assertThat(whileRunning.data().get("job_id").asText()).isEqualTo(firstRun);
        assertThat(whileRunning.data().at("/processing/started").asBoolean()).isFalse();
        ApiClient.Response forcedWhileRunning = user.post(path, Map.of("force", true));
        assertThat(forcedWhileRunning.data().get("processing_job_id").asText())
                .as("a running run is kept, forced or not")
                .isEqualTo(firstRun);

        JsonNode done = user.await(
                "/api/v1/voice/samples/" + id,
                s -> List.of("processed", "rejected").contains(s.get("status").asText()),
                java.time.Duration.ofMinutes(2));
        assertThat(done.get("status").asText()).isEqualTo("processed");
        ApiClient.Response again = user.raw("POST", path, null, new byte[0]);
        assertThat(again.status()).as("no body at all: " + again.text()).isEqualTo(200);
        assertThat(again.data().get("status").asText()).isEqualTo("processed");
        assertThat(again.data().get("quality_score").asDouble())
                .isEqualTo(done.get("quality_score").asDouble());
        assertThat(again.json().get("message").asText()).contains("force");
        assertThat(quotas.used(user.userId(), DailyQuotas.SAMPLE_PROCESSINGS))
                .as("only the upload's own run")
                .isEqualTo(1);

        ApiClient.Response forced = user.post(path, Map.of("force", true));
        assertThat(forced.status()).as(forced.text()).isEqualTo(202);
        String secondRun = forced.data().get("processing_job_id").asText();
        assertThat(secondRun).startsWith("proc_").isNotEqualTo(firstRun);
        assertThat(forced.data().at("/processing/started").asBoolean()).isTrue();
        assertThat(forced.data().get("status").asText()).isIn("processing", "processed");
        assertThat(quotas.used(user.userId(), DailyQuotas.SAMPLE_PROCESSINGS)).isEqualTo(2);
        JsonNode reprocessed = user.await(
                "/api/v1/voice/samples/" + id,
                s -> s.get("processing_job_id").asText().equals(secondRun)
                        && s.get("status").asText().equals("processed"),
                java.time.Duration.ofMinutes(2));
        assertThat(reprocessed.get("quality_score").asDouble())
                .isEqualTo(done.get("quality_score").asDouble());

        ApiClient.Response unknown = user.post(path, Map.of("forse", true));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/details/forse").asText()).contains("not a known field");
        ApiClient.Response wrongType = user.post(path, Map.of("force", "yes"));
        assertThat(wrongType.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(wrongType.json().at("/error/details/force").asText()).isEqualTo("must be true or false");
        assertThat(user.post(path, java.util.List.of(true)).errorCode())
                .as("a body that is no object")
                .isEqualTo("INVALID_JSON");
        assertThat(app.client().newUser().post(path, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void badUploadsAreRefusedAndLeaveNothingBehind() throws Exception {
        ApiClient user = app.client().newUser();
        String userId = user.userId();
        byte[] wav = humanRecording("sense_and_sensibility_01_austen_64kb-0870.wav");

        assertRefused(user, "truncated.wav", Arrays.copyOf(wav, wav.length / 2), 400, "INVALID_AUDIO");
        assertRefused(
                user,
                "notes.wav",
                "This is just text pretending to be audio.\n".repeat(50).getBytes(),
                400,
                "UNSUPPORTED_AUDIO");
        assertRefused(user, "program.wav", Files.readAllBytes(Path.of("/bin/ls")), 400, "UNSUPPORTED_AUDIO");
        assertRefused(user, "empty.wav", new byte[0], 400, "INVALID_AUDIO");
        byte[] hostileChunk = Arrays.copyOf(wav, 64);
        System.arraycopy("LIST".getBytes(), 0, hostileChunk, 12, 4);
        hostileChunk[16] = hostileChunk[17] = hostileChunk[18] = hostileChunk[19] = (byte) 0xff;
        assertRefused(user, "hostile.wav", hostileChunk, 400, "INVALID_AUDIO");
        float[] halfSecond = io.voxify.inference.AudioDecoder.decode(wav).mono();
        assertRefused(
                user,
                "blip.wav",
                io.voxify.inference.audio.WavWriter.write(Arrays.copyOf(halfSecond, 8000), 16000),
                400,
                "INVALID_AUDIO");
        byte[] huge = new byte[51 * 1024 * 1024];
        System.arraycopy(wav, 0, huge, 0, wav.length);
        assertRefused(user, "huge.wav", huge, 413, "FILE_TOO_LARGE");

        ApiClient.Response noName = user.multipart("/api/v1/voice/samples", Map.of(), "a.wav", wav);
        assertThat(noName.errorCode()).isEqualTo("MISSING_FIELDS");
        ApiClient.Response noFile = user.multipart("/api/v1/voice/samples", Map.of("name", "x"), null, null);
        assertThat(noFile.errorCode()).isEqualTo("MISSING_FIELDS");
        ApiClient.Response json = user.post("/api/v1/voice/samples", Map.of("name", "x"));
        assertThat(json.status()).isEqualTo(415);

        assertThat(storedSamplesOf(userId)).isEmpty();
        assertThat(user.get("/api/v1/voice/samples")
                        .json()
                        .path("meta")
                        .path("pagination")
                        .path("total_count")
                        .asInt())
                .isZero();
    }

    private static void assertRefused(ApiClient user, String name, byte[] bytes, int status, String code) {
        ApiClient.Response r = user.multipart("/api/v1/voice/samples", Map.of("name", name), name, bytes);
        assertThat(r.status()).as(name + ": " + r.text()).isEqualTo(status);
        assertThat(r.errorCode()).as(name).isEqualTo(code);
    }
}
