package io.voxify.infrastructure.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key cache: a key serves the rest of its transaction at once, enters the shared cache only when the
 * transaction commits (a key of a rolled-back append must never seal later events), and leaves it when destroyed.
 */
class CachedPersonalKeysTest {
    @TempDir
    Path dir;

    private SingleConnectionDataSource dataSource;
    private TransactionTemplate transaction;
    private final AtomicInteger storeCalls = new AtomicInteger();
    private final MemoryPersonalKeys memory = new MemoryPersonalKeys();
    private final PersonalKeys counting = new ReadCountingKeys(memory, storeCalls);
    private final CachedPersonalKeys keys = new CachedPersonalKeys(counting, 100, Duration.ofMinutes(1));

    @BeforeEach
    void open() {
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + dir.resolve("tx.db"), true);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    @Test
    void aKeyMadeInATransactionServesTheRestOfItWithoutAskingTheStoreAgain() {
        transaction.executeWithoutResult(status -> {
            SecretKey made = keys.obtain("user:a", "a").orElseThrow();
            for (int i = 0; i < 4; i++) {
                assertThat(keys.obtain("user:a", "a")).contains(made);
            }
            assertThat(keys.find("user:a")).contains(made);
        });
        assertThat(storeCalls).hasValue(1);
        assertThat(keys.find("user:a"))
                .as("and the shared cache after the commit")
                .isPresent();
        assertThat(storeCalls).hasValue(1);
    }

    @Test
    void aKeyOfARolledBackTransactionNeverEntersTheSharedCache() {
        transaction.executeWithoutResult(status -> {
            keys.obtain("job:1", "a");
            status.setRollbackOnly();
        });
        keys.find("job:1");
        assertThat(storeCalls).as("asked the store again").hasValue(2);
    }

    @Test
    void aDestroyedKeyLeavesTheCacheAndTheTransactionsMemory() {
        keys.obtain("job:1", "a");
        transaction.executeWithoutResult(status -> {
            keys.obtain("job:2", "a");
            keys.destroyOwnedBy("a");
            assertThat(keys.find("job:2")).isEmpty();
        });
        assertThat(keys.find("job:1")).isEmpty();
        assertThat(keys.find("job:2")).isEmpty();
    }
}
