package io.voxify.infrastructure.privacy.jdbc;

import io.voxify.events.privacy.KeyScope;
import io.voxify.infrastructure.privacy.KeyWrapping;
import io.voxify.infrastructure.privacy.PersonalKeys;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Personal-data keys in a table of the application's database (SQLite on the embedded profile, PostgreSQL on
 * the infra profile), each wrapped by the node's master key so a copy of the database alone opens nothing.
 * Destroying a key clears its wrapped bytes and keeps the row as a tombstone: the id is never given a new key.
 * Statements run on the caller's transaction when there is one (the event append's), so a key is made in the
 * same transaction as the first event it seals; two nodes making the same key at once keep the first
 * ({@code ON CONFLICT DO NOTHING}, which both databases speak).
 */
public class JdbcPersonalKeys implements PersonalKeys {
    static final String TABLE = "personal_keys";

    private final JdbcTemplate jdbc;
    private final SecretKey master;
    private final Clock clock;

    public JdbcPersonalKeys(DataSource dataSource, SecretKey master, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.master = master;
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
                    ownerErased ? null : KeyWrapping.wrap(master, fresh, keyId),
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

    private static String personalKeyOf(String ownerId) {
        return KeyScope.USER.keyId(ownerId);
    }

    private Optional<Row> row(String keyId) {
        return jdbc
                .query(
                        "SELECT wrapped_key FROM " + TABLE + " WHERE key_id = ?",
                        (rs, n) -> new Row(rs.getString("wrapped_key")),
                        keyId)
                .stream()
                .findFirst();
    }

    private Optional<SecretKey> live(String keyId, Row row) {
        return row.wrapped() == null ? Optional.empty() : Optional.of(KeyWrapping.unwrap(master, row.wrapped(), keyId));
    }

    private record Row(String wrapped) {}
}
