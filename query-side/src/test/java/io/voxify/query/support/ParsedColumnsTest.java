package io.voxify.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParsedColumnsTest {
    private final AtomicInteger parses = new AtomicInteger();
    private final ParsedColumns<String> columns = new ParsedColumns<>(64 * 1024, text -> {
        parses.incrementAndGet();
        return text.toUpperCase();
    });

    @Test
    void aTextIsParsedOnce() {
        assertThat(columns.get("{\"speed\":1.0}")).isEqualTo("{\"SPEED\":1.0}");
        assertThat(columns.get("{\"speed\":1.0}")).isEqualTo("{\"SPEED\":1.0}");
        assertThat(parses).hasValue(1);
        assertThat(columns.get(null)).isNull();
    }

    @Test
    void distinctTextsNeverPassTheBoundInCharactersOrEntries() {
        for (int i = 0; i < 20_000; i++) {
            columns.get("{\"speed\":" + i + ",\"pad\":\"" + "x".repeat(i % 200) + "\"}");
            assertThat(columns.weightedChars()).isLessThanOrEqualTo(64 * 1024);
        }
        assertThat(columns.size()).isGreaterThan(0).isLessThanOrEqualTo(64 * 1024 / ParsedColumns.MIN_WEIGHT);
    }

    @Test
    void aTextTooLongToKeepIsStillParsed() {
        String big = "x".repeat(64 * 1024 / 16 + 1);
        assertThat(columns.get(big)).isEqualTo(big.toUpperCase());
        assertThat(columns.get(big)).isEqualTo(big.toUpperCase());
        assertThat(parses).hasValue(2);
        assertThat(columns.size()).isZero();
    }
}
