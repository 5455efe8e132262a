package io.voxify.infrastructure.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.events.privacy.ErasesKey;
import io.voxify.events.privacy.Erasure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one-way step that brings a store written before personal data was sealed up to date: every stored event,
 * in the order it was stored, has its plain personal values sealed in place (payload and the metadata's client
 * address), under the keys the events would have made had they been appended today (a creating event makes its
 * resource's key, owned by its user; an address nobody signed in from is sealed under the event's own user).
 * Only the sealed fields change: ids, types, sequence numbers and times stay, so tracking tokens, sagas and read
 * models are untouched, and every reader reads the same values before and after. Events sealed already are left
 * as they are, so the step can be repeated and can run while the platform serves (`make migrate-personal-data`,
 * README, Privacy). Back the database up first: once it ran, erasing a person is real, and there is no way back.
 */
public class PersonalDataMigration {
    private static final Logger log = LoggerFactory.getLogger(PersonalDataMigration.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PersonalDataCodec codec;
    private final PersonalKeys keys;

    public PersonalDataMigration(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            PersonalDataCodec codec,
            PersonalKeys keys) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactions);
        this.codec = codec;
        this.keys = keys;
    }

    public PersonalDataMigration(DataSource dataSource, PersonalDataCodec codec, PersonalKeys keys) {
        this(dataSource, new DataSourceTransactionManager(dataSource), codec, keys);
    }

    /** What a run did. */
    public record Report(long eventsRead, long eventsSealed) {}

    private record Row(long position, String type, byte[] payload, byte[] metadata) {}

    public Report migrate() {
        long after = -1;
        long read = 0;
        long sealed = 0;
        while (true) {
            long from = after;
            List<Row> rows = jdbc.query(
                    "SELECT global_index, payload_type, payload, meta_data FROM domain_event_entry"
                            + " WHERE global_index > ? ORDER BY global_index LIMIT " + BATCH,
                    (rs, n) -> new Row(
                            rs.getLong("global_index"),
                            rs.getString("payload_type"),
                            rs.getBytes("payload"),
                            rs.getBytes("meta_data")),
                    from);
            if (rows.isEmpty()) {
                break;
            }
            Long changed = transactions.execute(status -> {
                long count = 0;
                for (Row row : rows) {
                    if (sealRow(row)) {
                        count++;
                    }
                }
                return count;
            });
            read += rows.size();
            sealed += changed == null ? 0 : changed;
            after = rows.get(rows.size() - 1).position();
        }
        log.info("Personal data migration: {} events read, {} sealed", read, sealed);
        return new Report(read, sealed);
    }

    private boolean sealRow(Row row) {
        Class<?> type = classOf(row.type());
        try {
            JsonNode payload = JSON.readTree(row.payload());
            byte[] newPayload = row.payload();
            if (type != null && payload instanceof ObjectNode object) {
                codec.claimKeys(type, object);
                if (!PersonalFields.of(type).isEmpty()) {
                    codec.seal(type, object);
                    newPayload = JSON.writeValueAsBytes(object);
                }
                // A resource deleted before sealing: its events, sealed above in stored order, read erased now.
                ErasesKey erases = type.getAnnotation(ErasesKey.class);
                if (erases != null && object.path(erases.value().idComponent()).isTextual()) {
                    keys.destroy(erases.value()
                            .keyId(object.get(erases.value().idComponent()).textValue()));
                }
            }
            byte[] newMetadata = row.metadata();
            if (row.metadata() != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = JSON.readValue(row.metadata(), Map.class);
                if (metadata.get("userId") == null && payload.path("userId").isTextual()) {
                    metadata.put(Erasure.DATA_SUBJECT, payload.get("userId").textValue());
                }
                Map<String, Object> stored = codec.sealMetadata(metadata);
                if (stored != null) {
                    newMetadata = JSON.writeValueAsBytes(stored);
                }
            }
            if (!sameJson(newPayload, row.payload()) || !sameJson(newMetadata, row.metadata())) {
                jdbc.update(
                        "UPDATE domain_event_entry SET payload = ?, meta_data = ? WHERE global_index = ?",
                        newPayload,
                        newMetadata,
                        row.position());
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Event " + row.position() + " is not JSON", e);
        }
    }

    private static boolean sameJson(byte[] a, byte[] b) throws IOException {
        if (a == null || b == null) {
            return a == b;
        }
        return JSON.readTree(a).equals(JSON.readTree(b));
    }

    private static Class<?> classOf(String typeName) {
        try {
            return Class.forName(typeName, false, PersonalDataMigration.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError gone) {
            return null;
        }
    }
}
