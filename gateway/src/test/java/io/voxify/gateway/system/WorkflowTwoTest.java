package io.voxify.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import io.voxify.inference.audio.PitchShifter;
import io.voxify.inference.audio.PitchTracker;
import io.voxify.inference.audio.Resampler;
import io.voxify.inference.audio.WavWriter;
import io.voxify.inference.voice.SpeakerEncoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The spec's Workflow 2 step by step with a real human recording, and again with a
 * pitch-shifted copy of it as a second speaker: the clone's speech must follow each of them.
 */
class WorkflowTwoTest {
    private static final Duration SLOW = Duration.ofMinutes(3);
    private static final SpeakerEncoder ENCODER = SpeakerEncoder.createDefault();
    private final RunningApp app = RunningApp.shared();

    @AfterAll
    static void closeEncoder() {
        ENCODER.close();
    }

    @Test
    void aCloneOfARealRecordingSpeaksLikeIt() {
        byte[] recording = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0870.wav");
        cloneAndCompare(recording);
    }

    @Test
    void aCloneOfAHigherVoiceFollowsItToo() {
        byte[] recording = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0870.wav");
        DecodedAudio human = AudioDecoder.decode(recording);
        float[] higher = PitchShifter.shift(human.mono(), human.sampleRate(), 1.45, 1.0);
        cloneAndCompare(WavWriter.write(higher, human.sampleRate()));
    }

    private void cloneAndCompare(byte[] recording) {
        ApiClient anonymous = app.client();
        String email = "jane-" + UUID.randomUUID() + "@example.com";
        assertThat(anonymous
                        .post(
                                "/api/v1/auth/register",
                                Map.of(
                                        "email",
                                        email,
                                        "password",
                                        "SecurePass123!",
                                        "first_name",
                                        "Jane",
                                        "last_name",
                                        "Smith"))
                        .status())
                .isEqualTo(201);
        ApiClient user = anonymous.login(email, "SecurePass123!");

        ApiClient.Response uploaded = user.multipart(
                "/api/v1/voice/samples",
                Map.of(
                        "name",
                        "My Personal Voice Sample",
                        "description",
                        "High quality recording for voice cloning",
                        "language",
                        "en-US"),
                "voice_sample.wav",
                recording);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String sampleId = uploaded.data().get("id").asText();
        String uploadRun = uploaded.data().get("processing_job_id").asText();
        assertThat(uploadRun)
                .as("upload and process: the run starts with the upload")
                .startsWith("proc_");
        assertThat(uploaded.data().get("status").asText()).isIn("processing", "processed");
        assertThat(uploaded.data().at("/processing/started").asBoolean()).isTrue();

        // The document's step 4 as written: the upload's own run is answered, not a second one.
        ApiClient.Response processing = user.post("/api/v1/voice/samples/" + sampleId + "/process", Map.of());
        assertThat(processing.status()).as(processing.text()).isEqualTo(200);
        assertThat(processing.data().get("processing_job_id").asText()).isEqualTo(uploadRun);
        assertThat(processing.data().at("/processing/started").asBoolean()).isFalse();

        JsonNode sample = await(
                user,
                "/api/v1/voice/samples/" + sampleId,
                s -> !s.get("status").asText().equals("processing"));
        assertThat(sample.get("status").asText()).as(sample.toString()).isEqualTo("processed");
        assertThat(sample.get("validation").get("passed").asBoolean()).isTrue();
        double sampleF0 = sample.get("quality_metrics").get("f0_median_hz").asDouble();
        assertThat(sample.get("quality_score").asDouble()).isBetween(0.0, 1.0);

        ApiClient.Response created = user.post(
                "/api/v1/voice/clones",
                Map.of(
                        "sample_ids",
                        List.of(sampleId),
                        "name",
                        "My Personal Voice Clone",
                        "description",
                        "Custom voice clone from my samples"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String cloneId = created.data().get("clone_id").asText();
        assertThat(cloneId).startsWith("vc_");
        assertThat(created.data().get("status").asText()).isIn("pending", "training");
        String generationJobId = created.data().get("generation_job_id").asText();
        assertThat(generationJobId).startsWith("job_gen_");
        JsonNode generation =
                user.get("/api/v1/voice/generation/" + generationJobId).data();
        assertThat(generation.get("clone_id").asText()).isEqualTo(cloneId);
        assertThat(generation.at("/config/quality").asText())
                .as("the default effort")
                .isEqualTo("balanced");
        assertThat(generation.at("/config/base_voice_id").isNull())
                .as("the fit picks the base")
                .isTrue();

        JsonNode clone = await(
                user,
                "/api/v1/voice/clones/" + cloneId,
                c -> c.get("status").asText().equals("ready")
                        || c.get("status").asText().equals("failed"));
        assertThat(clone.get("status").asText()).as(clone.toString()).isEqualTo("ready");
        assertThat(clone.get("quality_score").asDouble()).isBetween(0.0, 1.0);
        assertThat(clone.get("quality_metrics").get("f0_relative_error").asDouble())
                .isLessThan(0.10);
        JsonNode generated =
                user.get("/api/v1/voice/generation/" + generationJobId).data();
        assertThat(generated.get("status").asText()).isEqualTo("completed");
        assertThat(generated.get("steps").asInt())
                .as("balanced, four English candidates: 26 renderings + 1")
                .isEqualTo(27);

        String jobId = user.createJob(Map.of(
                        "text_content",
                        "Hello world, this is my personal cloned voice speaking!",
                        "voice_model_id",
                        cloneId,
                        "output_format",
                        "wav",
                        "speed",
                        1.0,
                        "pitch",
                        1.0,
                        "volume",
                        1.0))
                .get("id")
                .asText();
        ApiClient.SseCapture stream = user.progress(jobId, Duration.ofSeconds(60));
        assertThat(stream.last().get("event").asText()).isEqualTo("complete");
        JsonNode job = user.get("/api/v1/job/" + jobId).data();
        assertThat(job.get("status").asText()).isEqualTo("completed");
        DecodedAudio cloned =
                AudioDecoder.decode(user.get("/api/v1/files/audio/" + jobId).body());

        String defaultJob = user.createJob(Map.of(
                        "text_content",
                        "Hello world, this is my personal cloned voice speaking!",
                        "voice_model_id",
                        "default_voice_001"))
                .get("id")
                .asText();
        user.awaitJob(defaultJob, j -> j.get("status").asText().equals("completed"), SLOW);
        DecodedAudio plain = AudioDecoder.decode(
                user.get("/api/v1/files/audio/" + defaultJob).body());

        double clonedF0 = medianF0(cloned);
        assertThat(Math.abs(clonedF0 - sampleF0) / sampleF0)
                .as("clone F0 %.1f vs sample %.1f", clonedF0, sampleF0)
                .isLessThan(0.10);
        float[] sampleEmbedding = ENCODER.embed(mono16k(AudioDecoder.decode(recording)));
        double cloneSimilarity = SpeakerEncoder.similarity(sampleEmbedding, ENCODER.embed(mono16k(cloned)));
        double defaultSimilarity = SpeakerEncoder.similarity(sampleEmbedding, ENCODER.embed(mono16k(plain)));
        assertThat(cloneSimilarity)
                .as("clone %.3f vs default %.3f", cloneSimilarity, defaultSimilarity)
                .isGreaterThan(defaultSimilarity);

        assertThat(user.post("/api/v1/voice/clones/" + cloneId + "/select", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(user.get("/api/v1/auth/profile")
                        .data()
                        .get("selected_voice_id")
                        .asText())
                .isEqualTo(cloneId);
        assertThat(user.createJob(Map.of("text_content", "Which voice am I?"))
                        .get("voice_model_id")
                        .asText())
                .isEqualTo(cloneId);

        ApiClient stranger = app.client().newUser();
        assertThat(stranger.get("/api/v1/voice/clones/" + cloneId).status()).isEqualTo(404);
        assertThat(stranger.post("/api/v1/job", Map.of("text_content", "Borrowed voice", "voice_model_id", cloneId))
                        .errorCode())
                .isEqualTo("VOICE_MODEL_NOT_FOUND");
        assertThat(stranger.post("/api/v1/voice/clones", Map.of("sample_ids", List.of(sampleId), "name", "Stolen"))
                        .status())
                .isEqualTo(404);

        assertThat(user.delete("/api/v1/voice/clones/" + cloneId).status()).isEqualTo(200);
        assertThat(user.get("/api/v1/voice/clones/" + cloneId).status()).isEqualTo(404);
        assertThat(user.get("/api/v1/files/audio/" + jobId).status())
                .as("finished jobs keep their audio")
                .isEqualTo(200);
        assertThat(user.get("/api/v1/auth/profile")
                        .data()
                        .get("selected_voice_id")
                        .isNull())
                .isTrue();

        assertThat(user.delete("/api/v1/voice/samples/" + sampleId).status()).isEqualTo(200);
        awaitNoVectors(sampleId, cloneId);
        assertThat(java.nio.file.Files.exists(app.dataDir()
                        .resolve("blobs/samples")
                        .resolve(user.userId())
                        .resolve(sampleId + ".wav")))
                .as("the recording is deleted with its sample")
                .isFalse();
    }

    /** Deleting a sample or clone removes its embedding too (from the event stream, so shortly after). */
    private void awaitNoVectors(String... ids) {
        String url = "jdbc:sqlite:" + app.dataDir().resolve("voxify.db");
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int left = -1;
        while (System.nanoTime() < end) {
            try (var db = java.sql.DriverManager.getConnection(url);
                    var query = db.prepareStatement("select count(*) from vector_entry where id in (?, ?)")) {
                query.setString(1, ids[0]);
                query.setString(2, ids[1]);
                try (var rows = query.executeQuery()) {
                    left = rows.getInt(1);
                }
            } catch (java.sql.SQLException busy) {
                left = -1;
            }
            if (left == 0) {
                return;
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("embeddings still stored for " + String.join(", ", ids) + ": " + left);
    }

    private static JsonNode await(ApiClient user, String path, Predicate<JsonNode> done) {
        return user.await(path, done, SLOW);
    }

    static float[] mono16k(DecodedAudio audio) {
        return audio.sampleRate() == 16000 ? audio.mono() : Resampler.resample(audio.mono(), audio.sampleRate(), 16000);
    }

    static double medianF0(DecodedAudio audio) {
        float[] x = mono16k(audio);
        return PitchTracker.median(PitchTracker.track(x, 16000, 160));
    }
}
