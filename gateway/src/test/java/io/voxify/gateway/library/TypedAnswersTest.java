package io.voxify.gateway.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.clone.CloneFitQuality;
import io.voxify.events.clone.CloneGeneration;
import io.voxify.events.clone.CloneGenerationSettings;
import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserView;
import io.voxify.gateway.auth.AuthService;
import io.voxify.gateway.auth.SessionResponse;
import io.voxify.gateway.auth.UserResponse;
import io.voxify.gateway.security.TokenService;
import io.voxify.gateway.voice.CloneGenerationResponse;
import io.voxify.gateway.voice.CloneResponse;
import io.voxify.gateway.web.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records that replaced hand-built maps write the same keys in the same order, nulls included: clients
 * that read the JSON as text or by position see no difference.
 */
class TypedAnswersTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRatingAnswerWritesItsKeysInTheOrderTheMapHad() throws Exception {
        assertThat(json.writeValueAsString(new RatingResponse("preset_x", 4.5, 2, 5)))
                .isEqualTo("{\"voice_model_id\":\"preset_x\",\"user_rating\":4.5,\"rating_count\":2,\"my_rating\":5}");
        assertThat(json.writeValueAsString(new RatingResponse("preset_x", null, 0, null)))
                .isEqualTo(
                        "{\"voice_model_id\":\"preset_x\",\"user_rating\":null,\"rating_count\":0,\"my_rating\":null}");
        assertThat(json.writeValueAsString(new RatingResponse("preset_x", 4.0, 1, 4)))
                .as("a whole mean stays a decimal")
                .contains("\"user_rating\":4.0");
    }

    @Test
    void aFavoriteAnswerWritesItsKeysInTheOrderTheMapHad() throws Exception {
        assertThat(json.writeValueAsString(new FavoriteResponse("preset_x", true, 3)))
                .isEqualTo("{\"voice_model_id\":\"preset_x\",\"is_favorite\":true,\"favorites_count\":3}");
    }

    @Test
    void aWebhookSecretWritesItsKeysInTheOrderTheMapHad() throws Exception {
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        String written = json.writeValueAsString(new io.voxify.gateway.webhook.WebhookSecretResponse(
                "whsec_a", 2, Envelope.iso(at), null, "X-Voxify-Signature", "t=..."));
        assertThat(json.readTree(written).fieldNames())
                .toIterable()
                .containsExactly(
                        "secret",
                        "generation",
                        "rotated_at",
                        "previous_secret_expires_at",
                        "signature_header",
                        "signature_format");
        assertThat(written)
                .contains(
                        "\"generation\":2",
                        "\"rotated_at\":\"2026-01-02T03:04:05.678Z\"",
                        "\"previous_secret_expires_at\":null");
        assertThat(json.convertValue(json.readTree(written), Map.class)).hasSize(6);
    }

    @Test
    void anAccountWritesItsKeysInTheOrderTheMapHadNullsIncluded() throws Exception {
        Instant created = Instant.parse("2026-01-02T03:04:05.678Z");
        UserView neverSignedIn =
                new UserView("user_1", "a@b.co", null, null, Role.USER, true, created, created, null, null, 0, null);
        assertThat(json.writeValueAsString(UserResponse.of(neverSignedIn)))
                .isEqualTo(
                        "{\"id\":\"user_1\",\"email\":\"a@b.co\",\"first_name\":null,\"last_name\":null,"
                                + "\"role\":\"user\",\"is_active\":true,\"created_at\":\"2026-01-02T03:04:05.678Z\","
                                + "\"updated_at\":\"2026-01-02T03:04:05.678Z\",\"last_login_at\":null,\"selected_voice_id\":null}");
        UserView disabledAdmin = new UserView(
                "user_2", "c@d.co", "Ann", "Lee", Role.ADMIN, false, created, created, created, "preset_x", 1, null);
        assertThat(json.writeValueAsString(UserResponse.of(disabledAdmin)))
                .contains("\"role\":\"admin\",\"is_active\":false,", "\"selected_voice_id\":\"preset_x\"}");
    }

    @Test
    void aSessionWritesItsKeysInTheOrderTheMapHad() throws Exception {
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        UserView user = new UserView("user_1", "a@b.co", "Ann", null, Role.USER, true, at, at, at, null, 0, null);
        String written = json.writeValueAsString(SessionResponse.of(
                new AuthService.Session(new TokenService.IssuedToken("jwt", at, 900), "rt_1", user)));
        assertThat(json.readTree(written).fieldNames())
                .toIterable()
                .containsExactly("access_token", "refresh_token", "token_type", "expires_in", "expires_at", "user");
        assertThat(written)
                .startsWith("{\"access_token\":\"jwt\",\"refresh_token\":\"rt_1\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":900,\"expires_at\":\"2026-01-02T03:04:05.678Z\",\"user\":{\"id\":\"user_1\",")
                .endsWith("\"selected_voice_id\":null}}");
    }

    @Test
    void aReadyCloneWritesItsKeysInTheOrderTheMapHad() throws Exception {
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        CloneView ready = new CloneView(
                "vc_1",
                7,
                "user_1",
                "Mine",
                null,
                "en",
                List.of("smp_1"),
                CloneStatus.READY,
                new CloneProfile("en-us", 1.1, 0.9, 1.0, 1.05, 0.2, null),
                new CloneQuality(120.0, 121.5, 0.0125, 0.81, 0.3, 0.42, 0.77, "pitch+embedding"),
                "vec_1",
                null,
                at,
                at,
                at,
                1500L,
                new CloneGeneration(
                        "job_gen_1",
                        new CloneGenerationSettings("en-us", CloneFitQuality.FAST),
                        100.0,
                        12,
                        12,
                        "done",
                        at,
                        at));
        String time = "\"2026-01-02T03:04:05.678Z\"";
        String generation = "{\"generation_job_id\":\"job_gen_1\",\"job_id\":\"job_gen_1\",\"clone_id\":\"vc_1\","
                + "\"status\":\"completed\",\"progress\":100.0,\"step\":12,\"steps\":12,\"message\":\"done\","
                + "\"config\":{\"base_voice_id\":\"en-us\",\"quality\":\"fast\"},\"base_voice\":\"en-us\","
                + "\"quality_score\":0.77,\"error_message\":null,\"created_at\":" + time + ",\"updated_at\":" + time
                + ",\"started_at\":" + time + ",\"completed_at\":" + time
                + ",\"status_url\":\"/api/v1/voice/generation/job_gen_1\","
                + "\"progress_url\":\"/api/v1/voice/generation/job_gen_1/progress\"}";
        assertThat(json.writeValueAsString(CloneResponse.of(ready)))
                .isEqualTo("{\"id\":\"vc_1\",\"clone_id\":\"vc_1\",\"voice_model_id\":\"vc_1\",\"user_id\":\"user_1\","
                        + "\"name\":\"Mine\",\"description\":null,\"language\":\"en\",\"status\":\"ready\","
                        + "\"sample_ids\":[\"smp_1\"],"
                        + "\"samples\":[{\"sample_id\":\"smp_1\",\"url\":\"/api/v1/voice/samples/smp_1\"}],"
                        + "\"quality_score\":0.77,\"quality_metrics\":{\"target_f0_median_hz\":120.0,"
                        + "\"f0_median_hz\":121.5,\"f0_relative_error\":0.0125,\"embedding_similarity\":0.81,"
                        + "\"default_voice_f0_relative_error\":0.3,\"default_voice_embedding_similarity\":0.42,"
                        + "\"method\":\"pitch+embedding\"},"
                        + "\"profile\":{\"base_voice\":\"en-us\",\"pitch_factor\":1.1,\"pitch_range_factor\":0.9,"
                        + "\"speed_factor\":1.0,\"formant_scale\":1.05,\"breathiness\":0.2,\"pause_factor\":1.0},"
                        + "\"error_message\":null,\"created_at\":" + time + ",\"updated_at\":" + time + ",\"ready_at\":"
                        + time + ",\"processing_time_ms\":1500,\"generation_job_id\":\"job_gen_1\","
                        + "\"generation\":" + generation + "}");
        assertThat(json.writeValueAsString(CloneGenerationResponse.of(ready))).isEqualTo(generation);
    }

    @Test
    void aPendingCloneWritesNullsWhereTheMapHadThem() throws Exception {
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        CloneView pending = new CloneView(
                "vc_2",
                1,
                "user_1",
                "Mine",
                "d",
                "fr",
                List.of(),
                CloneStatus.PENDING,
                null,
                null,
                null,
                null,
                at,
                at,
                null,
                null,
                null);
        assertThat(json.writeValueAsString(CloneResponse.of(pending)))
                .contains(
                        "\"sample_ids\":[],\"samples\":[],\"quality_score\":null,\"quality_metrics\":null,"
                                + "\"profile\":null,\"error_message\":null,",
                        "\"ready_at\":null,\"processing_time_ms\":null,\"generation_job_id\":null,"
                                + "\"generation\":null}");
    }
}
