package io.voxify.gateway.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Voice texts include users' clone names and descriptions: their embeddings are kept within a bound. */
class SemanticSearchCacheTest {
    private final SemanticSearch search = new SemanticSearch(20, DataSize.ofKilobytes(100), Duration.ofHours(1));

    @AfterEach
    void close() {
        search.close();
    }

    @Test
    void manyDistinctVoiceTextsKeepTheCacheWithinItsBound() {
        float[] query = search.embedQuery("a calm female voice");
        double first = search.similarity(query, "Clone 0: a calm voice");
        for (int i = 0; i < 120; i++) {
            search.similarity(query, "Clone " + i + ": a calm voice, take " + i);
            assertThat(search.cachedEntries()).isLessThanOrEqualTo(20);
            assertThat(search.cachedBytes()).isLessThanOrEqualTo(100 * 1024);
        }
        assertThat(search.cachedEntries()).isGreaterThan(0);
        assertThat(search.similarity(query, "Clone 0: a calm voice"))
                .as("the same text ranks the same")
                .isEqualTo(first, org.assertj.core.data.Offset.offset(1e-6));
    }
}
