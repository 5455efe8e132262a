package io.voxify.gateway.voice;

import static io.voxify.gateway.support.AudioBombs.flacSilence;
import static io.voxify.gateway.support.AudioBombs.mp3TinyFrames;
import static io.voxify.gateway.support.AudioBombs.wav;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.limits.DailyQuotas;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The audio bombs of issue 15 against {@code POST /api/v1/voice/samples} on the running application: each is
 * refused promptly with a 4xx envelope (the FLAC of the issue decoded for 14 s and ended in OutOfMemoryError),
 * counts against the day's upload quota, leaves nothing stored, and a good recording still uploads after them.
 */
class HostileAudioTest {
    private static final int UPLOAD_SIZE = 50 * 1024 * 1024 - 64 * 1024;
    /** Generous: a request thread that held the 50 MB upload in memory would allocate it at least once. */
    private static final long REQUEST_ALLOCATION_BOUND = 16L * 1024 * 1024;

    private static final long PROMPT_MILLIS = 5_000;
    private static final String CONFIG = "/api/v1/admin/config";

    private final RunningApp app = RunningApp.shared();

    private record Bomb(String name, byte[] bytes, String code, Consumer<JsonNode> details) {}

    private static List<Bomb> bombs() {
        return List.of(
                new Bomb("issue-bomb.flac", flacSilence(8, 192_000, 24, 3600L * 192_000, 3600), "INVALID_AUDIO", d -> {
                    assertThat(d.at("/found/channels").asInt()).isEqualTo(8);
                    assertThat(d.at("/found/sample_rate").asInt()).isEqualTo(192_000);
                    assertThat(d.at("/allowed/max_samples_per_second").asInt()).isEqualTo(384_000);
                    assertThat(d.at("/allowed/channels").asText()).isEqualTo("1 to 8");
                }),
                new Bomb(
                        "declared-hour.flac",
                        flacSilence(2, 48_000, 16, 3600L * 48_000, 3600),
                        "AUDIO_TOO_LONG",
                        d -> assertThat(d.get("declared_seconds").asDouble()).isEqualTo(3600.0)),
                new Bomb(
                        "uncounted-hour.flac",
                        flacSilence(2, 48_000, 16, 0, 3600),
                        "AUDIO_TOO_LONG",
                        d -> assertThat(d.get("max_seconds").asDouble()).isEqualTo(600.0)),
                new Bomb(
                        "four-gigabytes.wav",
                        wav(1, 16_000, 16, 0xfffffff0L, 44 + 32_000),
                        "AUDIO_TOO_LONG",
                        d -> assertThat(d.get("declared_seconds").asDouble()).isGreaterThan(100_000)),
                new Bomb(
                        "streamed.wav",
                        wav(1, 8_000, 8, 0xffffffffL, UPLOAD_SIZE),
                        "AUDIO_TOO_LONG",
                        d -> assertThat(d.has("declared_seconds")).isFalse()),
                new Bomb(
                        "tiny-frames.mp3",
                        mp3TinyFrames(UPLOAD_SIZE, 8),
                        "AUDIO_TOO_LONG",
                        d -> assertThat(d.get("estimated_seconds").asDouble()).isGreaterThan(50_000)),
                new Bomb(
                        "tiny-mixed-frames.mp3",
                        mp3TinyFrames(UPLOAD_SIZE, 8, 16),
                        "AUDIO_TOO_LONG",
                        d -> assertThat(d.get("max_seconds").asDouble()).isEqualTo(600.0)));
    }

    @Test
    void everyBombIsRefusedPromptlyAndCountedAndAGoodRecordingStillUploads() {
        ApiClient user = app.client().newUser();
        DailyQuotas quotas = app.bean(DailyQuotas.class);
        List<Bomb> bombs = bombs();
        for (Bomb bomb : bombs) {
            long allocatedBefore = requestThreadsAllocated();
            long started = System.nanoTime();
            ApiClient.Response r =
                    user.multipart("/api/v1/voice/samples", Map.of("name", bomb.name()), bomb.name(), bomb.bytes());
            long millis = (System.nanoTime() - started) / 1_000_000;
            long allocated = requestThreadsAllocated() - allocatedBefore;
            assertThat(r.status()).as(bomb.name() + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.errorCode()).as(bomb.name() + ": " + r.text()).isEqualTo(bomb.code());
            assertThat(r.json().at("/error/message").asText()).isNotBlank();
            bomb.details().accept(r.json().at("/error/details"));
            assertThat(millis).as(bomb.name() + " answered in ms").isLessThan(PROMPT_MILLIS);
            assertThat(allocated)
                    .as(bomb.name() + ": bytes allocated by the request threads")
                    .isLessThan(REQUEST_ALLOCATION_BOUND);
        }
        assertThat(quotas.used(user.userId(), DailyQuotas.UPLOADS))
                .as("every refused bomb counted")
                .isEqualTo(bombs.size());
        assertThat(quotas.used(user.userId(), DailyQuotas.SAMPLE_PROCESSINGS))
                .as("a refused upload is never processed, so it costs no processing")
                .isZero();
        assertThat(user.get("/api/v1/voice/samples")
                        .json()
                        .at("/meta/pagination/total_count")
                        .asInt())
                .isZero();

        byte[] good = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0880.wav");
        ApiClient.Response accepted = user.multipart("/api/v1/voice/samples", Map.of("name", "Me"), "me.wav", good);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(201);
        assertThat(accepted.data().get("duration").asDouble()).isBetween(2.0, 10.0);
        assertThat(quotas.used(user.userId(), DailyQuotas.UPLOADS)).isEqualTo(bombs.size() + 1);
        assertThat(quotas.used(user.userId(), DailyQuotas.SAMPLE_PROCESSINGS))
                .as("its own processing")
                .isEqualTo(1);
    }

    @Test
    void refusedUploadsUseUpTheDailyQuotaLikeAcceptedOnes() {
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        Map<String, Object> original = new HashMap<>();
        admin.get(CONFIG).data().fields().forEachRemaining(f -> {
            if (!List.of("version", "updated_at", "updated_by").contains(f.getKey())) {
                original.put(f.getKey(), ApiClient.JSON.convertValue(f.getValue(), Object.class));
            }
        });
        try {
            assertThat(admin.put(CONFIG, Map.of("uploads_per_day", 2)).status()).isEqualTo(200);
            ApiClient user = app.client().newUser();
            byte[] bomb = flacSilence(2, 48_000, 16, 0, 3600);
            for (int i = 0; i < 2; i++) {
                assertThat(user.multipart("/api/v1/voice/samples", Map.of("name", "Bomb"), "bomb.flac", bomb)
                                .errorCode())
                        .isEqualTo("AUDIO_TOO_LONG");
            }
            byte[] good = SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0890.wav");
            ApiClient.Response over = user.multipart("/api/v1/voice/samples", Map.of("name", "Me"), "me.wav", good);
            assertThat(over.status()).as(over.text()).isEqualTo(429);
            assertThat(over.errorCode()).isEqualTo("QUOTA_EXCEEDED");
        } finally {
            assertThat(admin.put(CONFIG, original).status()).isEqualTo(200);
        }
    }

    /** What the server's request threads (Tomcat's workers) have allocated so far, all of them together. */
    private static long requestThreadsAllocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Long> ids = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("http-nio-") && t.getName().contains("-exec-")) {
                ids.add(t.getId());
            }
        }
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return sum;
    }
}
