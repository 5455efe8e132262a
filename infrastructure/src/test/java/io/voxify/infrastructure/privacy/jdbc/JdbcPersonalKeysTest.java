package io.voxify.infrastructure.privacy.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxify.infrastructure.PostgresDatabase;
import io.voxify.infrastructure.privacy.KeyWrapping;
import io.voxify.infrastructure.privacy.MasterKeys;
import io.voxify.infrastructure.privacy.PersonalKeys;
import io.voxify.infrastructure.privacy.PersonalKeysContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The key table on both databases the platform runs on, the embedded profile's SQLite and PostgreSQL. */
class JdbcPersonalKeysTest {
    private static final SecretKey MASTER = KeyWrapping.newKey();

    @Nested
    class OnSqlite extends PersonalKeysContract {
        @TempDir
        Path dir;

        private SingleConnectionDataSource dataSource;
        private JdbcPersonalKeys keys;

        @BeforeEach
        void open() {
            dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + dir.resolve("keys.db"), true);
            keys = new JdbcPersonalKeys(dataSource, MASTER, Clock.systemUTC());
        }

        @AfterEach
        void close() {
            dataSource.destroy();
        }

        @Override
        protected PersonalKeys keys() {
            return keys;
        }

        @Test
        void theTableHoldsKeysOnlyWrappedByTheMasterKey() {
            SecretKey key = keys.obtain("user:a", "a").orElseThrow();
            Map<String, Object> row = new JdbcTemplate(dataSource).queryForMap("SELECT * FROM personal_keys");
            String wrapped = (String) row.get("wrapped_key");
            assertThat(Base64.getDecoder().decode(wrapped)).hasSize(12 + KeyWrapping.KEY_BYTES + 16);
            assertThat(wrapped).doesNotContain(Base64.getEncoder().encodeToString(key.getEncoded()));
            assertThat(row.get("owner_id")).isEqualTo("a");

            JdbcPersonalKeys otherMaster = new JdbcPersonalKeys(dataSource, KeyWrapping.newKey(), Clock.systemUTC());
            assertThatThrownBy(() -> otherMaster.find("user:a"))
                    .hasMessageContaining("voxify.privacy.master-key must be the same on every node");
        }

        @Test
        void theRewrapStepWrapsEveryLiveKeyWithTheNewMasterKey() {
            rewrapsEveryLiveKey(dataSource, keys);
        }

        @Test
        void aDestroyedKeyLeavesATombstoneWithoutItsBytes() {
            keys.obtain("job:1", "a");
            keys.destroy("job:1");
            List<Map<String, Object>> rows = new JdbcTemplate(dataSource).queryForList("SELECT * FROM personal_keys");
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.get("wrapped_key")).isNull();
                assertThat(row.get("destroyed_at")).isNotNull();
            });
        }
    }

    /**
     * A master-key rotation on a table with more live keys than one batch of the step reads (batches of 4 here), and
     * a tombstone: after
     * the step every live key opens with the new master key alone, as the same key it was, and the old master key
     * opens none; the tombstone stays one.
     */
    static void rewrapsEveryLiveKey(DataSource dataSource, JdbcPersonalKeys keys) {
        Map<String, SecretKey> made = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            made.put("job:" + i, keys.obtain("job:" + i, "a").orElseThrow());
        }
        keys.destroy("job:7");
        made.remove("job:7");
        SecretKey next = KeyWrapping.newKey();

        JdbcPersonalKeys.Rewrap report =
                new JdbcPersonalKeys(dataSource, MasterKeys.of(MASTER).rotatedTo(next), Clock.systemUTC()).rewrapAll(4);

        assertThat(report.liveKeys()).isEqualTo(made.size());
        assertThat(report.rewrapped()).isEqualTo(made.size());
        JdbcPersonalKeys afterRotation = new JdbcPersonalKeys(dataSource, next, Clock.systemUTC());
        made.forEach((id, key) ->
                assertThat(afterRotation.find(id).orElseThrow().getEncoded()).isEqualTo(key.getEncoded()));
        assertThat(afterRotation.find("job:7")).isEmpty();
        assertThat(afterRotation.obtain("job:7", "a"))
                .as("a tombstone is never given a new key")
                .isEmpty();
        assertThatThrownBy(() -> new JdbcPersonalKeys(dataSource, MASTER, Clock.systemUTC()).find("job:1"))
                .as("the old master key opens nothing any more")
                .hasMessageContaining("does not open");
        assertThat(new JdbcPersonalKeys(dataSource, MasterKeys.of(next), Clock.systemUTC())
                        .rewrapAll()
                        .rewrapped())
                .as("a second run finds nothing to do")
                .isZero();
    }

    @Nested
    class OnPostgres extends PersonalKeysContract {
        private PostgresDatabase database;
        private DataSource dataSource;
        private JdbcPersonalKeys keys;

        @BeforeEach
        void open() {
            database = new PostgresDatabase();
            dataSource = new DriverManagerDataSource(database.url(), PostgresDatabase.USER, "");
            keys = new JdbcPersonalKeys(dataSource, MASTER, Clock.systemUTC());
        }

        @Test
        void theRewrapStepWrapsEveryLiveKeyWithTheNewMasterKey() {
            rewrapsEveryLiveKey(dataSource, keys);
        }

        @AfterEach
        void close() {
            database.close();
        }

        @Override
        protected PersonalKeys keys() {
            return keys;
        }

        @Test
        void twoNodesMakingTheSameKeyAtOnceKeepOne() throws Exception {
            DataSource dataSource = new DriverManagerDataSource(database.url(), PostgresDatabase.USER, "");
            JdbcPersonalKeys otherNode = new JdbcPersonalKeys(dataSource, MASTER, Clock.systemUTC());
            var first = new java.util.concurrent.CompletableFuture<SecretKey>();
            Thread racer =
                    new Thread(() -> first.complete(keys.obtain("job:race", "a").orElseThrow()));
            racer.start();
            SecretKey second = otherNode.obtain("job:race", "a").orElseThrow();
            assertThat(first.get().getEncoded()).isEqualTo(second.getEncoded());
        }
    }
}
