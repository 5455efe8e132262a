package io.voxify.saga.work.rabbit;

import io.voxify.saga.work.WorkShare;
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
 * than the share. A message is published (and confirmed by the broker) inside that transaction, before
 * the slot or the removal from the waiting room is committed: a node that dies in between leaves the
 * item both published and still waiting, so it may run twice (workers refuse an attempt that was
 * already claimed), never that it is lost. Slots whose message is gone without a trace (a queue purged
 * by an operator) expire after a lease.
 */
public class FairBrokerDispatch {
    private static final Logger log = LoggerFactory.getLogger(FairBrokerDispatch.class);

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

    /**
     * Publishes the item if its owner has room on the queue, or keeps it waiting its turn; false only when
     * the broker refused it (the caller offers it again later).
     */
    public boolean submit(String queue, String userId, String itemKey, byte[] body) {
        String lane = lane(queue, userId);
        Boolean taken = transactions.execute(tx -> {
            lock(lane);
            if (exists("work_slot", itemKey) || exists("work_waiting", itemKey)) {
                return true; // offered again after an answer that was lost: it is already on its way
            }
            if (slots(lane) < cap()) {
                if (!publisher.publish(queue, itemKey, body)) {
                    return false;
                }
                jdbc.update("INSERT INTO work_slot (item_key, lane_key, acquired_at) VALUES (?, ?, ?)", itemKey,
                        lane, clock.millis());
                return true;
            }
            jdbc.update("INSERT INTO work_waiting (item_key, lane_key, queue_name, payload, enqueued_at) "
                    + "VALUES (?, ?, ?, ?, ?)", itemKey, lane, queue, new String(body,
                    java.nio.charset.StandardCharsets.UTF_8), clock.millis());
            return true;
        });
        return Boolean.TRUE.equals(taken);
    }

    /** The item has left the queue for good (done, or parked as dead): its slot goes to the owner's next. */
    public void finished(String queue, String userId, String itemKey) {
        jdbc.update("DELETE FROM work_slot WHERE item_key = ?", itemKey);
        promote(lane(queue, userId));
    }

    /** Publishes the lane's waiting items, oldest first, while its owner has room; how many were published. */
    public int promote(String lane) {
        int published = 0;
        while (Boolean.TRUE.equals(transactions.execute(tx -> promoteOne(lane)))) {
            published++;
        }
        return published;
    }

    private boolean promoteOne(String lane) {
        lock(lane);
        if (slots(lane) >= cap()) {
            return false;
        }
        List<Map<String, Object>> next = jdbc.queryForList("SELECT item_key, queue_name, payload FROM work_waiting "
                + "WHERE lane_key = ? ORDER BY enqueued_at, item_key LIMIT 1", lane);
        if (next.isEmpty()) {
            return false;
        }
        String itemKey = (String) next.get(0).get("item_key");
        String queue = (String) next.get(0).get("queue_name");
        byte[] body = ((String) next.get(0).get("payload")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!publisher.publish(queue, itemKey, body)) {
            return false; // the broker is away: the periodic promotion tries again
        }
        jdbc.update("DELETE FROM work_waiting WHERE item_key = ?", itemKey);
        jdbc.update("INSERT INTO work_slot (item_key, lane_key, acquired_at) VALUES (?, ?, ?)", itemKey, lane,
                clock.millis());
        return true;
    }

    /**
     * Publishes what waits in every lane that has room (a slot freed on a node that stopped before promoting,
     * a raised share, a broker that was away), and lets slots older than {@code lease} go.
     */
    public int promoteAll(Duration lease) {
        int expired = jdbc.update("DELETE FROM work_slot WHERE acquired_at < ?", clock.millis() - lease.toMillis());
        if (expired > 0) {
            log.warn("{} work slots outlived their lease of {} and were released", expired, lease);
        }
        int published = 0;
        for (String lane : jdbc.queryForList("SELECT DISTINCT lane_key FROM work_waiting", String.class)) {
            published += promote(lane);
        }
        return published;
    }

    /** Items of the user on the queue (queued or running) and waiting for their turn. */
    public int[] counts(String queue, String userId) {
        String lane = lane(queue, userId);
        return new int[]{slots(lane), jdbc.queryForObject("SELECT count(*) FROM work_waiting WHERE lane_key = ?",
                Integer.class, lane)};
    }

    private int cap() {
        return Math.max(1, share.maxRunningPerUser());
    }

    private void lock(String lane) {
        jdbc.update("INSERT INTO work_lane (lane_key, touched) VALUES (?, ?) "
                + "ON CONFLICT (lane_key) DO UPDATE SET touched = EXCLUDED.touched", lane, clock.millis());
    }

    private int slots(String lane) {
        return jdbc.queryForObject("SELECT count(*) FROM work_slot WHERE lane_key = ?", Integer.class, lane);
    }

    private boolean exists(String table, String itemKey) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE item_key = ?", Integer.class,
                itemKey) > 0;
    }
}
