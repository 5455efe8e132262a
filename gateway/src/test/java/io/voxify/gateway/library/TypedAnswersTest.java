package io.voxify.gateway.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserView;
import io.voxify.gateway.auth.AuthService;
import io.voxify.gateway.auth.SessionResponse;
import io.voxify.gateway.auth.UserResponse;
import io.voxify.gateway.security.TokenService;
import io.voxify.gateway.web.Envelope;
import java.time.Instant;
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
}
