package io.voxify.infrastructure.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalLibraryPageCacheTest {
    private final LocalLibraryPageCache cache = new LocalLibraryPageCache(Duration.ofMinutes(1), 100, 1_000_000);

    @Test
    void manyDistinctQueriesNeverPassTheBoundInPagesOrBytes() {
        for (int i = 0; i < 10_000; i++) {
            cache.put("user-" + (i % 7), "limit=20&offset=" + i, "{\"data\":[" + "x".repeat(i % 3000) + "]}");
            assertThat(cache.size()).isLessThanOrEqualTo(100);
            assertThat(cache.weightedBytes()).isLessThanOrEqualTo(1_000_000);
        }
        assertThat(cache.size()).isGreaterThan(0);
    }

    @Test
    void onePageLargerThanTheWholeBoundIsNotKept() {
        cache.put("u", "q", "x".repeat(600_000));
        assertThat(cache.get("u", "q")).isEmpty();
        assertThat(cache.weightedBytes()).isZero();
    }

    @Test
    void invalidatingAUserDropsOnlyTheirPages() {
        cache.put("a", "q1", "page a1");
        cache.put("a", "q2", "page a2");
        cache.put("b", "q1", "page b1");
        cache.invalidate("a");
        assertThat(cache.get("a", "q1")).isEmpty();
        assertThat(cache.get("a", "q2")).isEmpty();
        assertThat(cache.get("b", "q1")).contains("page b1");
        cache.invalidateAll();
        assertThat(cache.get("b", "q1")).isEmpty();
    }
}
