package io.voxify.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Voice-model list pages are cached per user and query, and a user's own changes show at once. */
class LibraryCacheTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void aRepeatedPageComesFromTheCacheAndAFavouriteShowsAtOnce() {
        ApiClient user = app.client().newUser();
        String page = "/api/v1/voice/models?limit=5&language=en";
        ApiClient.Response first = user.get(page);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-Cache")).isEqualTo("MISS");
        ApiClient.Response again = user.get(page);
        assertThat(again.header("X-Cache")).isEqualTo("HIT");
        assertThat(again.data()).isEqualTo(first.data());
        assertThat(again.json().get("meta")).isEqualTo(first.json().get("meta"));
        assertThat(user.get("/api/v1/voice/models?limit=6&language=en").header("X-Cache"))
                .as("another query is another page").isEqualTo("MISS");
        assertThat(app.client().newUser().get(page).header("X-Cache")).as("pages are per user").isEqualTo("MISS");

        String voice = first.data().get(0).get("voice_model_id").asText();
        assertThat(first.data().get(0).get("is_favorite").asBoolean()).isFalse();
        assertThat(user.post("/api/v1/voice/models/" + voice + "/favorite", Map.of()).status()).isEqualTo(200);
        ApiClient.Response after = user.get(page);
        assertThat(after.header("X-Cache")).as("the user's change dropped their pages").isEqualTo("MISS");
        JsonNode favourite = after.data().get(0);
        assertThat(favourite.get("voice_model_id").asText()).isEqualTo(voice);
        assertThat(favourite.get("is_favorite").asBoolean()).isTrue();
    }
}
