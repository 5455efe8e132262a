package io.voxify.gateway.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.inference.AudioDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VoiceLibraryTest {
    private final RunningApp app = RunningApp.shared();

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("voice_model_id").asText()));
        return out;
    }

    @Test
    void presetsAreListedWithFiltersAndPagination() {
        ApiClient user = app.client().newUser();
        JsonNode all = user.get("/api/v1/voice/models?limit=100").json();
        List<String> ids = ids(all.get("data"));
        assertThat(ids).contains("default_voice_001", "preset_gentle_female_001");
        JsonNode filters = all.path("meta").path("filters");
        assertThat(filters.path("available_types").toString()).contains("preset");
        assertThat(filters.path("available_languages").toString()).contains("en-US", "zh-CN", "ja-JP", "ko-KR");
        assertThat(filters.path("available_tags").toString()).contains("female", "male");
        JsonNode first = all.get("data").get(0);
        for (String field : List.of(
                "voice_model_id",
                "name",
                "type",
                "engine",
                "tags",
                "language",
                "description",
                "sample_audio_url",
                "preview_text",
                "quality_score",
                "usage_count",
                "is_favorite",
                "created_at")) {
            assertThat(first.has(field)).as(field).isTrue();
        }

        JsonNode female = user.get("/api/v1/voice/models?tags=female&limit=100").data();
        assertThat(female.size()).isPositive();
        female.forEach(v -> assertThat(v.get("tags").toString()).contains("female"));
        JsonNode zh = user.get("/api/v1/voice/models?language=zh&limit=100").data();
        assertThat(zh.size()).isPositive();
        zh.forEach(v -> assertThat(v.get("language").asText()).startsWith("zh"));
        JsonNode flite = user.get("/api/v1/voice/models?engine=flite&gender=male&limit=100")
                .data();
        assertThat(ids(flite)).contains("preset_en_us_male_001").doesNotContain("default_voice_001");

        JsonNode page = user.get("/api/v1/voice/models?limit=2&offset=1").json();
        assertThat(page.get("data").size()).isEqualTo(2);
        assertThat(page.path("meta").path("pagination").path("total_count").asInt())
                .isEqualTo(ids.size());
        assertThat(ids(page.get("data"))).isEqualTo(ids.subList(1, 3));
        assertThat(user.get("/api/v1/voice/models?type=robot").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(user.get("/api/v1/voice/models?owner=someone").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(user.get("/api/v1/voice/models?owner=me").data().size()).isZero();
        assertThat(user.get("/api/v1/voice/models?q=%00%01").status())
                .as("control characters only")
                .isEqualTo(200);
        ApiClient.Response encodedSlash = user.get("/api/v1/voice/models/..%2F..%2Fetc");
        assertThat(encodedSlash.status()).isEqualTo(400);
        assertThat(encodedSlash.errorCode())
                .as("refused in the envelope, not a container page")
                .isEqualTo("BAD_REQUEST");
    }

    @Test
    void semanticSearchRanksTheMatchingDescriptionFirst() {
        ApiClient user = app.client().newUser();
        JsonNode ranked = user.get("/api/v1/voice/models?q="
                        + java.net.URLEncoder.encode(
                                "a soft, warm voice to tell stories and guide a meditation",
                                java.nio.charset.StandardCharsets.UTF_8))
                .data();
        assertThat(ranked.get(0).get("voice_model_id").asText()).isEqualTo("preset_gentle_female_001");
        assertThat(ranked.get(0).get("similarity").asDouble())
                .isGreaterThan(ranked.get(ranked.size() - 1).get("similarity").asDouble());
    }

    @Test
    void detailsCarryConfigurationAndStatisticsFromTheJobs() {
        ApiClient user = app.client().newUser();
        String job = user.createJob(
                        Map.of("text_content", "Counting usage.", "voice_model_id", "preset_en_us_male_002"))
                .get("id")
                .asText();
        user.awaitJob(job, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60));
        JsonNode details = awaitUsage(user, "preset_en_us_male_002");
        JsonNode config = details.get("model_config");
        assertThat(config.get("supported_formats").toString()).contains("wav", "mp3", "flac");
        assertThat(config.get("max_text_length").asInt()).isEqualTo(10_000);
        assertThat(config.get("supports_speed_range").toString()).isEqualTo("[0.5,3.0]");
        JsonNode stats = details.get("statistics");
        assertThat(stats.get("usage_count").asLong()).isPositive();
        assertThat(stats.get("success_rate").asDouble()).isBetween(0.0, 1.0);
        assertThat(stats.get("total_audio_seconds").asDouble()).isPositive();
        assertThat(stats.get("average_synthesis_time").asDouble()).isPositive();
        assertThat(user.get("/api/v1/voice/models/no_such_voice").errorCode()).isEqualTo("VOICE_MODEL_NOT_FOUND");
    }

    private static JsonNode awaitUsage(ApiClient user, String voice) {
        for (int i = 0; i < 100; i++) {
            JsonNode d = user.get("/api/v1/voice/models/" + voice).data();
            if (d.get("statistics").get("total_audio_seconds").asDouble() > 0) {
                return d;
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("statistics never counted the job");
    }

    @Test
    void aPreviewIsSynthesisedOnceAndServed() throws Exception {
        ApiClient user = app.client().newUser();
        JsonNode preview =
                user.get("/api/v1/voice/models/default_voice_001/preview").data();
        assertThat(preview.get("preview_text").asText()).isNotBlank();
        assertThat(preview.get("format").asText()).isEqualTo("wav");
        ApiClient.Response audio = user.get(preview.get("preview_audio_url").asText());
        assertThat(audio.status()).isEqualTo(200);
        assertThat(AudioDecoder.decode(audio.body()).durationSeconds())
                .isCloseTo(preview.get("duration").asDouble(), org.assertj.core.data.Offset.offset(0.05));
        long before = previewFiles("default_voice_001");
        assertThat(app.client()
                        .newUser()
                        .get("/api/v1/voice/models/default_voice_001/preview")
                        .status())
                .isEqualTo(200);
        assertThat(previewFiles("default_voice_001")).isEqualTo(before).isEqualTo(1);
        assertThat(app.client().get(preview.get("preview_audio_url").asText()).status())
                .isEqualTo(401);
    }

    private long previewFiles(String voice) throws Exception {
        Path dir = app.dataDir().resolve("blobs/previews").resolve(voice);
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void favouritesArePerUserAndIdempotent() {
        ApiClient ann = app.client().newUser();
        ApiClient bob = app.client().newUser();
        String voice = "preset_en_gb_scottish_male_001";
        long base = bob.get("/api/v1/voice/models/" + voice)
                .data()
                .get("favorites_count")
                .asLong();
        JsonNode added = ann.post("/api/v1/voice/models/" + voice + "/favorite", Map.of())
                .data();
        assertThat(added.get("is_favorite").asBoolean()).isTrue();
        assertThat(added.get("favorites_count").asLong()).isEqualTo(base + 1);
        assertThat(ann.post("/api/v1/voice/models/" + voice + "/favorite", Map.of())
                        .data()
                        .get("favorites_count")
                        .asLong())
                .isEqualTo(base + 1);
        assertThat(ids(ann.get("/api/v1/voice/models?favorite=true").data())).containsExactly(voice);
        assertThat(bob.get("/api/v1/voice/models/" + voice)
                        .data()
                        .get("is_favorite")
                        .asBoolean())
                .isFalse();
        assertThat(ids(bob.get("/api/v1/voice/models?favorite=true").data())).isEmpty();

        JsonNode removed =
                ann.delete("/api/v1/voice/models/" + voice + "/favorite").data();
        assertThat(removed.get("is_favorite").asBoolean()).isFalse();
        assertThat(removed.get("favorites_count").asLong()).isEqualTo(base);
        assertThat(bob.delete("/api/v1/voice/models/" + voice + "/favorite").status())
                .isEqualTo(200);
        assertThat(ann.post("/api/v1/voice/models/nothing_here/favorite", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aPiperVoiceInTheModelsDirectoryJoinsTheLibraryAndSpeaks() {
        ApiClient user = app.client().newUser();
        JsonNode neural = user.get("/api/v1/voice/models?engine=piper").data();
        assertThat(ids(neural)).contains("piper_standin-alpha", "piper_standin-beta");
        assertThat(neural.get(0).get("type").asText()).isEqualTo("preset");
        String job = user.createJob(Map.of(
                        "text_content",
                        "Hello world. Neural voices speak too.",
                        "voice_model_id",
                        "piper_standin-alpha",
                        "config",
                        Map.of("include_timestamps", true, "timestamp_granularity", "sentence")))
                .get("id")
                .asText();
        JsonNode done = user.awaitJob(
                job,
                j -> List.of("completed", "failed").contains(j.get("status").asText()),
                Duration.ofSeconds(60));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("timestamps").size()).isEqualTo(2);
        assertThat(AudioDecoder.decode(user.get("/api/v1/files/audio/" + job).body())
                        .durationSeconds())
                .isPositive();
        assertThat(user.get("/api/v1/voice/models/piper_standin-alpha/preview").status())
                .isEqualTo(200);
    }

    @Test
    void anAdministratorsRescanAddsAndRemovesNeuralVoices() throws Exception {
        Path models = app.dataDir().resolve("models");
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        ApiClient user = app.client().newUser();
        assertThat(user.post("/api/v1/admin/voices/rescan", Map.of()).status()).isEqualTo(403);
        Files.copy(models.resolve("standin.onnx"), models.resolve("second.onnx"));
        Files.copy(models.resolve("standin.onnx.json"), models.resolve("second.onnx.json"));
        try {
            JsonNode scanned =
                    admin.post("/api/v1/admin/voices/rescan", Map.of()).data();
            assertThat(scanned.get("neural_voices").toString()).contains("piper_second-alpha", "piper_standin-alpha");
            assertThat(ids(user.get("/api/v1/voice/models?engine=piper").data()))
                    .contains("piper_second-alpha");
        } finally {
            Files.delete(models.resolve("second.onnx"));
            Files.delete(models.resolve("second.onnx.json"));
        }
        admin.post("/api/v1/admin/voices/rescan", Map.of());
        assertThat(ids(user.get("/api/v1/voice/models?engine=piper").data()))
                .containsExactly("piper_standin-alpha", "piper_standin-beta");
    }
}
