package io.voxify.infrastructure.privacy.jdbc;

import io.voxify.events.privacy.KeyScope;
import io.voxify.infrastructure.privacy.KeyWrapping;
import io.voxify.infrastructure.privacy.MasterKeys;
import io.voxify.infrastructure.privacy.PersonalKeys;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Personal-data keys in a table of the application's database (SQLite on the embedded profile, PostgreSQL on
 * the infra profile), each wrapped by the node's master key so a copy of the database alone opens nothing
 * ({@link MasterKeys}: the current one, and previous ones during a rotation).
 * Destroying a key clears its wrapped bytes and keeps the row as a tombstone: the id is never given a new key.
 * Statements run on the caller's transaction when there is one (the event append's), so a key is made in the
 * same transaction as the first event it seals; two nodes making the same key at once keep the first
 * ({@code ON CONFLICT DO NOTHING}, which both databases speak).
 */
public class JdbcPersonalKeys implements PersonalKeys {
    static final String TABLE = "personal_keys";

    /** How many rows the rewrap step reads at a time. */
    private static final int REWRAP_BATCH = 500;

    private final JdbcTemplate jdbc;
    private final MasterKeys masters;
    private final Clock clock;

    public JdbcPersonalKeys(DataSource dataSource, SecretKey master, Clock clock) {
        this(dataSource, MasterKeys.of(master), clock);
    }

    public JdbcPersonalKeys(DataSource dataSource, MasterKeys masters, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.masters = masters;
        this.clock = clock;
        // Portable DDL (text columns, no BLOB/BYTEA), so one statement serves both databases.
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "key_id VARCHAR(200) PRIMARY KEY, "
                + "owner_id VARCHAR(200), "
                + "wrapped_key VARCHAR(200), "
                + "created_at BIGINT NOT NULL, "
                + "destroyed_at BIGINT)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS ix_personal_keys_owner ON " + TABLE + " (owner_id)");
    }

    @Override
    public Optional<SecretKey> obtain(String keyId, String ownerId) {
        Optional<Row> row = row(keyId);
        if (row.isEmpty()) {
            // Nothing new is sealed for a person already erased (a request in flight when the account went):
            // the key is born destroyed, so what it would seal is stored erased.
            boolean ownerErased = ownerId != null
                    && !keyId.equals(personalKeyOf(ownerId))
                    && row(personalKeyOf(ownerId)).map(r -> r.wrapped() == null).orElse(false);
            SecretKey fresh = KeyWrapping.newKey();
            jdbc.update(
                    "INSERT INTO " + TABLE + " (key_id, owner_id, wrapped_key, created_at, destroyed_at)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                    keyId,
                    ownerId,
                    ownerErased ? null : masters.wrap(fresh, keyId),
                    clock.millis(),
                    ownerErased ? clock.millis() : null);
            row = row(keyId); // another node's, when it made the key first
        }
        return row.flatMap(r -> live(keyId, r));
    }

    @Override
    public Optional<SecretKey> find(String keyId) {
        return row(keyId).flatMap(r -> live(keyId, r));
    }

    @Override
    public boolean destroy(String keyId) {
        return jdbc.update(
                        "UPDATE " + TABLE + " SET wrapped_key = NULL, destroyed_at = ?"
                                + " WHERE key_id = ? AND wrapped_key IS NOT NULL",
                        clock.millis(),
                        keyId)
                > 0;
    }

    @Override
    public List<String> destroyOwnedBy(String ownerId) {
        List<String> live = liveKeysOf(ownerId);
        jdbc.update(
                "UPDATE " + TABLE + " SET wrapped_key = NULL, destroyed_at = ?"
                        + " WHERE owner_id = ? AND wrapped_key IS NOT NULL",
                clock.millis(),
                ownerId);
        return live;
    }

    @Override
    public List<String> liveKeysOf(String ownerId) {
        return jdbc.queryForList(
                "SELECT key_id FROM " + TABLE + " WHERE owner_id = ? AND wrapped_key IS NOT NULL ORDER BY key_id",
                String.class,
                ownerId);
    }

    /**
     * Wraps every live key with the current master key (the rewrap step of a master-key rotation), a batch of
     * rows at a time in key order, each row its own statement. A row is replaced only if it still holds what was
     * read, so a key destroyed meanwhile stays destroyed. Safe to repeat and to run while nodes serve, as long as
     * each node already opens with every master key named here.
     */
    public Rewrap rewrapAll() {
        return rewrapAll(REWRAP_BATCH);
    }

    Rewrap rewrapAll(int batch) {
        long live = 0;
        long rewrapped = 0;
        String after = "";
        while (true) {
            List<Row> rows = jdbc.query(
                    "SELECT key_id, wrapped_key FROM " + TABLE
                            + " WHERE key_id > ? AND wrapped_key IS NOT NULL ORDER BY key_id LIMIT " + batch,
                    (rs, n) -> new Row(rs.getString("key_id"), rs.getString("wrapped_key")),
                    after);
            for (Row row : rows) {
                live++;
                if (!masters.wrappedByCurrent(row.wrapped(), row.keyId())) {
                    String rewrappedKey = masters.wrap(masters.unwrap(row.wrapped(), row.keyId()), row.keyId());
                    rewrapped += jdbc.update(
                            "UPDATE " + TABLE + " SET wrapped_key = ? WHERE key_id = ? AND wrapped_key = ?",
                            rewrappedKey,
                            row.keyId(),
                            row.wrapped());
                }
            }
            if (rows.size() < batch) {
                return new Rewrap(live, rewrapped);
            }
            after = rows.get(rows.size() - 1).keyId();
        }
    }

    /** What the rewrap step did: the live keys it read, and how many of them it wrapped anew. */
    public record Rewrap(long liveKeys, long rewrapped) {}

    private static String personalKeyOf(String ownerId) {
        return KeyScope.USER.keyId(ownerId);
    }

    private Optional<Row> row(String keyId) {
        return jdbc
                .query(
                        "SELECT wrapped_key FROM " + TABLE + " WHERE key_id = ?",
                        (rs, n) -> new Row(keyId, rs.getString("wrapped_key")),
                        keyId)
                .stream()
                .findFirst();
    }

    private Optional<SecretKey> live(String keyId, Row row) {
        return row.wrapped() == null ? Optional.empty() : Optional.of(masters.unwrap(row.wrapped(), keyId));
    }

    private record Row(String keyId, String wrapped) {}
}
