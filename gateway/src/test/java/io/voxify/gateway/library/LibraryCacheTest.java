package io.voxify.gateway.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.infrastructure.cache.LibraryPageCache;
import io.voxify.infrastructure.cache.memory.LocalLibraryPageCache;
import java.util.List;
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
                .as("another query is another page")
                .isEqualTo("MISS");
        assertThat(app.client().newUser().get(page).header("X-Cache"))
                .as("pages are per user")
                .isEqualTo("MISS");

        String voice = first.data().get(0).get("voice_model_id").asText();
        assertThat(first.data().get(0).get("is_favorite").asBoolean()).isFalse();
        assertThat(user.post("/api/v1/voice/models/" + voice + "/favorite", Map.of())
                        .status())
                .isEqualTo(200);
        ApiClient.Response after = user.get(page);
        assertThat(after.header("X-Cache"))
                .as("the user's change dropped their pages")
                .isEqualTo("MISS");
        JsonNode favourite = after.data().get(0);
        assertThat(favourite.get("voice_model_id").asText()).isEqualTo(voice);
        assertThat(favourite.get("is_favorite").asBoolean()).isTrue();
    }

    /** Parameters the list does not read, their order and spellings of the same filter share one page. */
    @Test
    void equivalentQueriesShareOnePageAndJunkParametersMakeNoNewOnes() {
        ApiClient user = app.client().newUser();
        LocalLibraryPageCache cache = (LocalLibraryPageCache) app.bean(LibraryPageCache.class);
        assertThat(user.get("/api/v1/voice/models?language=en&tags=male,english&limit=5")
                        .header("X-Cache"))
                .isEqualTo("MISS");
        for (String same : List.of(
                "/api/v1/voice/models?a=1&language=en&tags=male,english&limit=5",
                "/api/v1/voice/models?limit=5&tags=english,male&language=EN",
                "/api/v1/voice/models?tags=English,%20male,male&language=en&page_size=5&page=1",
                "/api/v1/voice/models?language=en&tags=male,english&limit=5&offset=0&utm_source=x&_=123")) {
            ApiClient.Response r = user.get(same);
            assertThat(r.status()).as(same).isEqualTo(200);
            assertThat(r.header("X-Cache")).as(same).isEqualTo("HIT");
        }

        long before = cache.size();
        for (int i = 0; i < 300; i++) {
            ApiClient.Response r = user.get("/api/v1/voice/models?language=en&tags=male,english&limit=5&junk" + i + "="
                    + "x".repeat(i) + "&cachebuster=" + i);
            assertThat(r.header("X-Cache")).isEqualTo("HIT");
        }
        assertThat(cache.size()).as("junk made no pages").isLessThanOrEqualTo(before);
        assertThat(cache.size()).isLessThanOrEqualTo(cache.maxEntries());
        assertThat(cache.weightedBytes()).isLessThanOrEqualTo(cache.maxBytes());
    }
}
