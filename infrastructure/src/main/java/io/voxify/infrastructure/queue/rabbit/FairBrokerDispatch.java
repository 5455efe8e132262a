package io.voxify.infrastructure.queue.rabbit;

import io.voxify.infrastructure.queue.WorkShare;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fair dispatch in front of the broker's work queues. A broker queue is first in, first out: a user who
 * queues forty jobs would make everyone else wait for all forty. So at most
 * {@link WorkShare#maxRunningPerUser()} items of one user are on a queue at once (queued or running,
 * counted per queue in {@code work_slot}); the rest wait in the database ({@code work_waiting}) and are
 * published, oldest first, as the user's earlier items finish. Another user's item therefore lines up
 * behind at most that many items of each user, whoever queued first.
 *
 * <p>Every change to a lane happens in a transaction that first updates the lane's row in
 * {@code work_lane}: that row lock orders dispatchers on every node, so a user never gets more slots
 * than the share. The slot is committed before its message is published, never after: a worker that
 * takes the message at once always finds the slot it has to give back. A node that dies between the
 * commit and the publication leaves the item to be published again (the saga offers it again after the
 * restart, or the periodic promotion finds a waiting item marked as being published), so an item may
 * run twice (workers refuse an attempt that was already claimed) but is never lost. Slots whose message
 * is gone without a trace (a queue purged by an operator) expire after a lease.
 */
public class FairBrokerDispatch {
    private static final Logger log = LoggerFactory.getLogger(FairBrokerDispatch.class);
    /** A publication (a broker confirm takes seconds at most) still unfinished after this was cut short. */
    static final Duration UNFINISHED_PUBLICATION = Duration.ofMinutes(1);

    /** Publishes one message and waits for the broker's confirmation; false when it was not taken. */
    @FunctionalInterface
    public interface Publisher {
        boolean publish(String queue, String messageId, byte[] body);
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WorkShare share;
    private final Clock clock;
    private Publisher publisher;

    public FairBrokerDispatch(JdbcTemplate jdbc, TransactionTemplate transactions, WorkShare share, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.share = share;
        this.clock = clock;
    }

    public void publishWith(Publisher publisher) {
        this.publisher = publisher;
    }

    static String lane(String queue, String userId) {
        return queue + "|" + Objects.requireNonNullElse(userId, "");
    }

    private enum Step {
        PUBLISH,
        PUBLISH_AGAIN,
        KEPT
    }

    /**
     * Publishes the item if its owner has room on the queue, or keeps it waiting its turn; false only when
     * the broker refused it (the caller offers it again later).
     */
    public boolean submit(String queue, String userId, String itemKey, byte[] body) {
        String lane = lane(queue, userId);
        Step step = transactions.execute(tx -> {
            lock(lane);
            if (exists("work_slot", itemKey)) {
                // Offered again: after a restart that lost the publication, or an answer that was lost.
                return Step.PUBLISH_AGAIN;
            }
            if (exists("work_waiting", itemKey)) {
                return Step.KEPT;
            }
            if (slots(lane) < cap()) {
                jdbc.update(
                        "INSERT INTO work_slot (item_key, lane_key, acquired_at) VALUES (?, ?, ?)",
                        itemKey,
                        lane,
                        clock.millis());
                return Step.PUBLISH;
            }
            jdbc.update(
                    "INSERT INTO work_waiting (item_key, lane_key, queue_name, payload, enqueued_at) "
                            + "VALUES (?, ?, ?, ?, ?)",
                    itemKey,
                    lane,
                    queue,
                    new String(body, StandardCharsets.UTF_8),
                    clock.millis());
            return Step.KEPT;
        });
        if (step == Step.KEPT) {
            return true;
        }
        if (publisher.publish(queue, itemKey, body)) {
            return true;
        }
        if (step == Step.PUBLISH) {
            jdbc.update("DELETE FROM work_slot WHERE item_key = ?", itemKey);
        }
        return false;
    }

    /** The item has left the queue for good (done, or parked as dead): its slot goes to the owner's next. */
    public void finished(String queue, String userId, String itemKey) {
        jdbc.update("DELETE FROM work_slot WHERE item_key = ?", itemKey);
        promote(lane(queue, userId));
    }

    /** Publishes the lane's waiting items, oldest first, while its owner has room; how many were published. */
    public int promote(String lane) {
        int published = 0;
        while (promoteOne(lane)) {
            published++;
        }
        return published;
    }

    private record Waiting(String itemKey, String queue, byte[] body) {}

    /** Takes the lane's oldest waiting item into a slot (committed), then publishes it. */
    private boolean promoteOne(String lane) {
        Waiting next = transactions.execute(tx -> {
            lock(lane);
            if (slots(lane) >= cap()) {
                return null;
            }
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT item_key, queue_name, payload "
                            + "FROM work_waiting WHERE lane_key = ? AND promoted_at IS NULL "
                            + "ORDER BY enqueued_at, item_key LIMIT 1",
                    lane);
            if (rows.isEmpty()) {
                return null;
            }
            Waiting w = waiting(rows.get(0));
            jdbc.update("UPDATE work_waiting SET promoted_at = ? WHERE item_key = ?", clock.millis(), w.itemKey());
            jdbc.update(
                    "INSERT INTO work_slot (item_key, lane_key, acquired_at) VALUES (?, ?, ?)",
                    w.itemKey(),
                    lane,
                    clock.millis());
            return w;
        });
        if (next == null) {
            return false;
        }
        if (publisher.publish(next.queue(), next.itemKey(), next.body())) {
            jdbc.update("DELETE FROM work_waiting WHERE item_key = ?", next.itemKey());
            return true;
        }
        // The broker is away: the item waits again, first in its lane; the periodic promotion tries again.
        transactions.executeWithoutResult(tx -> {
            jdbc.update("DELETE FROM work_slot WHERE item_key = ?", next.itemKey());
            jdbc.update("UPDATE work_waiting SET promoted_at = NULL WHERE item_key = ?", next.itemKey());
        });
        return false;
    }

    private static Waiting waiting(Map<String, Object> row) {
        return new Waiting(
                (String) row.get("item_key"),
                (String) row.get("queue_name"),
                ((String) row.get("payload")).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes what waits in every lane that has room (a slot freed on a node that stopped before promoting,
     * a raised share, a broker that was away), lets slots older than {@code lease} go, and removes the lock rows
     * of lanes idle for longer than that (each names its user: a deleted account's goes within a lease, and
     * the table does not grow with every user who ever queued work). A lane used again gets its row back.
     */
    public int promoteAll(Duration lease) {
        long leaseStart = clock.millis() - lease.toMillis();
        int expired = jdbc.update("DELETE FROM work_slot WHERE acquired_at < ?", leaseStart);
        if (expired > 0) {
            log.warn("{} work slots outlived their lease of {} and were released", expired, lease);
        }
        // Only a row not touched for a lease, so never one a dispatcher holds: its upsert makes the row recent,
        // and a delete waiting on that row's lock finds it recent once the dispatcher commits.
        jdbc.update(
                "DELETE FROM work_lane WHERE touched < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM work_slot s WHERE s.lane_key = work_lane.lane_key)"
                        + " AND NOT EXISTS (SELECT 1 FROM work_waiting w WHERE w.lane_key = work_lane.lane_key)",
                leaseStart);
        // Marked as being published a while ago and still here: the node publishing it stopped first.
        for (Map<String, Object> row : jdbc.queryForList(
                "SELECT item_key, queue_name, payload FROM work_waiting " + "WHERE promoted_at < ?",
                clock.millis() - UNFINISHED_PUBLICATION.toMillis())) {
            Waiting w = waiting(row);
            if (publisher.publish(w.queue(), w.itemKey(), w.body())) {
                jdbc.update("DELETE FROM work_waiting WHERE item_key = ?", w.itemKey());
            }
        }
        int published = 0;
        for (String lane : jdbc.queryForList(
                "SELECT DISTINCT lane_key FROM work_waiting WHERE promoted_at IS NULL", String.class)) {
            published += promote(lane);
        }
        return published;
    }

    /** Items of the user on the queue (queued or running) and waiting for their turn. */
    public int[] counts(String queue, String userId) {
        String lane = lane(queue, userId);
        return new int[] {
            slots(lane),
            jdbc.queryForObject(
                    "SELECT count(*) FROM work_waiting WHERE lane_key = ? AND promoted_at IS NULL", Integer.class, lane)
        };
    }

    private int cap() {
        return Math.max(1, share.maxRunningPerUser());
    }

    private void lock(String lane) {
        jdbc.update(
                "INSERT INTO work_lane (lane_key, touched) VALUES (?, ?) "
                        + "ON CONFLICT (lane_key) DO UPDATE SET touched = EXCLUDED.touched",
                lane,
                clock.millis());
    }

    private int slots(String lane) {
        return jdbc.queryForObject("SELECT count(*) FROM work_slot WHERE lane_key = ?", Integer.class, lane);
    }

    private boolean exists(String table, String itemKey) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE item_key = ?", Integer.class, itemKey) > 0;
    }
}
