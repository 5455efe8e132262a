package io.voxify.gateway.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.user.AccountDeletedEvent;
import io.voxify.infrastructure.cache.LibraryPageCache;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A deleted account's cached library pages (its clones' names among them) go with the account. */
class LibraryCacheInvalidationTest {

    /** Pages by user, as the cache port keeps them. */
    private static final class Pages implements LibraryPageCache {
        final Map<String, String> pages = new HashMap<>();

        @Override
        public Optional<String> get(String userId, String query) {
            return Optional.ofNullable(pages.get(userId + "|" + query));
        }

        @Override
        public void put(String userId, String query, String page) {
            pages.put(userId + "|" + query, page);
        }

        @Override
        public void invalidate(String userId) {
            pages.keySet().removeIf(key -> key.startsWith(userId + "|"));
        }

        @Override
        public void invalidateAll() {
            pages.clear();
        }
    }

    @Test
    void aDeletedAccountsPagesGoAndNoOneElses() {
        Pages pages = new Pages();
        pages.put("user_a", "page=1", "{\"clone\":\"Ada's voice\"}");
        pages.put("user_b", "page=1", "{}");

        new LibraryCacheInvalidation(pages).on(new AccountDeletedEvent("user_a", "user_a"));

        assertThat(pages.get("user_a", "page=1")).isEmpty();
        assertThat(pages.get("user_b", "page=1")).isPresent();
    }
}
