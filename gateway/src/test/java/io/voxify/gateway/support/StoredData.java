package io.voxify.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The application's database read raw (its rows, not through the application), searched for given texts. */
public final class StoredData {
    private StoredData() {}

    /**
     * Each of the values found in clear in the event store, the saga store or the deadlines, and where. A test
     * that means to prove the saga store and the deadlines clean makes sure they hold something first
     * ({@link #assertSagasAndDeadlinesStored}), or the search there proves nothing.
     */
    public static List<String> inClear(DataSource dataSource, List<String> values) {
        List<String> found = new ArrayList<>();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.query("SELECT payload_type, payload, meta_data FROM domain_event_entry", rs -> {
            String stored = text(rs.getBytes("payload")) + " " + text(rs.getBytes("meta_data"));
            look(stored, values, rs.getString("payload_type"), found);
        });
        jdbc.query("SELECT saga_type, serialized_saga FROM saga_entry", rs -> {
            look(text(rs.getBytes("serialized_saga")), values, rs.getString("saga_type"), found);
        });
        jdbc.query("SELECT task_name, task_data FROM scheduled_tasks", rs -> {
            look(text(rs.getBytes("task_data")), values, "deadline " + rs.getString("task_name"), found);
        });
        return found;
    }

    /** The saga store and the deadlines hold something (a webhook waiting between two tries, at least). */
    public static void assertSagasAndDeadlinesStored(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_entry", Long.class))
                .as("sagas stored (the webhook's at least)")
                .isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class))
                .as("deadlines stored (the webhook's retry at least)")
                .isPositive();
    }

    private static String text(byte[] stored) {
        return stored == null ? "" : new String(stored, StandardCharsets.UTF_8);
    }

    private static void look(String stored, List<String> values, String where, List<String> found) {
        for (String value : values) {
            if (stored.contains(value)) {
                found.add(where + " holds " + value);
            }
        }
    }

    /**
     * Every cell of every row of every table of the application's schema (SQLite's one schema, PostgreSQL's
     * current one) holding one of the texts, as "table.column holds text". Tables are listed by the driver's
     * metadata, so a table added later is searched too. Byte columns are read as UTF-8, as JSON payloads are.
     */
    public static List<String> inAnyTable(DataSource dataSource, List<String> texts) {
        JdbcTemplate rows = new JdbcTemplate(dataSource);
        List<String> found = new ArrayList<>();
        for (String table : tables(dataSource)) {
            rows.query("SELECT * FROM \"" + table + "\"", rs -> {
                int columns = rs.getMetaData().getColumnCount();
                for (int c = 1; c <= columns; c++) {
                    Object cell = rs.getObject(c);
                    String text = cell instanceof byte[] bytes
                            ? new String(bytes, StandardCharsets.UTF_8)
                            : String.valueOf(cell);
                    for (String value : texts) {
                        if (text.contains(value)) {
                            found.add(table + "." + rs.getMetaData().getColumnName(c) + " holds " + value);
                        }
                    }
                }
            });
        }
        return found;
    }

    /** The tables of the connection's schema. */
    public static List<String> tables(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
