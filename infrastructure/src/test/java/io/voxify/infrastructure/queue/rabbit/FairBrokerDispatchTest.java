package io.voxify.infrastructure.queue.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.infrastructure.PostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The share of a broker queue each user gets, on the real PostgreSQL: work beyond the share waits in the
 * database and is published oldest first as earlier work finishes; concurrent dispatchers (as on several
 * nodes) never give one user more than the share. The broker itself is the publishing function here;
 * {@code FairSharingTest} runs the whole thing on the real RabbitMQ.
 */
class FairBrokerDispatchTest {
    private static final String QUEUE = "voxify.work.synthesis";

    private PostgresDatabase database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private final AtomicInteger share = new AtomicInteger(2);
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean brokerUp = new AtomicBoolean(true);
    private FairBrokerDispatch dispatch;

    @BeforeEach
    void setUp() {
        database = new PostgresDatabase();
        DriverManagerDataSource source = new DriverManagerDataSource(database.url(), PostgresDatabase.USER, "");
        jdbc = new JdbcTemplate(source);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(source));
        createTables(jdbc);
        dispatch = dispatchAt(Clock.systemUTC());
    }

    /** The tables as Hibernate creates them from the entities (the application test checks that path). */
    static void createTables(JdbcTemplate jdbc) {
        jdbc.execute("CREATE TABLE work_lane (lane_key varchar(200) PRIMARY KEY, touched bigint NOT NULL)");
        jdbc.execute("CREATE TABLE work_slot (item_key varchar(200) PRIMARY KEY, lane_key varchar(200) NOT NULL, "
                + "acquired_at bigint NOT NULL)");
        jdbc.execute("CREATE TABLE work_waiting (item_key varchar(200) PRIMARY KEY, lane_key varchar(200) NOT NULL, "
                + "queue_name varchar(200) NOT NULL, payload varchar(65535) NOT NULL, enqueued_at bigint NOT NULL, "
                + "promoted_at bigint)");
    }

    /** Set to make the "broker" hand each message to a worker that finishes it before the publish returns. */
    private volatile FairBrokerDispatch instantWorker;

    private FairBrokerDispatch dispatchAt(Clock clock) {
        FairBrokerDispatch d = new FairBrokerDispatch(jdbc, transactions, share::get, clock);
        d.publishWith((queue, id, body) -> {
            if (!brokerUp.get()) {
                return false;
            }
            published.add(id + "=" + new String(body, StandardCharsets.UTF_8));
            if (instantWorker != null) {
                instantWorker.finished(queue, id.substring(0, id.indexOf('-')), id);
            }
            return true;
        });
        return d;
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private boolean submit(String user, String item) {
        return dispatch.submit(QUEUE, user, item, item.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> publishedIds() {
        return published.stream().map(p -> p.substring(0, p.indexOf('='))).toList();
    }

    @Test
    void workBeyondTheShareWaitsAndAnotherUsersWorkIsPublishedAtOnce() {
        for (int i = 1; i <= 5; i++) {
            assertThat(submit("alice", "a" + i)).isTrue();
        }
        assertThat(publishedIds()).containsExactly("a1", "a2");
        assertThat(dispatch.counts(QUEUE, "alice")).containsExactly(2, 3);

        assertThat(submit("bob", "b1")).isTrue();
        assertThat(publishedIds()).containsExactly("a1", "a2", "b1");
    }

    @Test
    void aFinishedItemPublishesTheOwnersOldestWaitingOneWithItsOwnBody() {
        for (int i = 1; i <= 4; i++) {
            submit("alice", "a" + i);
        }
        dispatch.finished(QUEUE, "alice", "a1");
        assertThat(published).containsExactly("a1=a1", "a2=a2", "a3=a3");
        dispatch.finished(QUEUE, "alice", "a2");
        dispatch.finished(QUEUE, "alice", "a3");
        assertThat(publishedIds()).containsExactly("a1", "a2", "a3", "a4");
        assertThat(dispatch.counts(QUEUE, "alice")).containsExactly(1, 0);
    }

    /**
     * An item offered again that holds a slot was published before, or was about to be when its node stopped:
     * it is published again (a duplicate a worker refuses beats a loss). One still waiting is not queued twice.
     */
    @Test
    void anItemOfferedAgainIsPublishedAgainIfItHoldsASlotAndNotQueuedTwiceIfItWaits() {
        submit("alice", "a1");
        submit("alice", "a2");
        submit("alice", "a3");
        assertThat(submit("alice", "a1")).isTrue();
        assertThat(submit("alice", "a3")).isTrue();
        assertThat(publishedIds()).containsExactly("a1", "a2", "a1");
        assertThat(dispatch.counts(QUEUE, "alice")).containsExactly(2, 1);
    }

    @Test
    void aRefusalByTheBrokerIsReportedAndLeavesNoSlotBehind() {
        brokerUp.set(false);
        assertThat(submit("alice", "a1")).isFalse();
        assertThat(dispatch.counts(QUEUE, "alice")).containsExactly(0, 0);
        brokerUp.set(true);
        assertThat(submit("alice", "a1")).isTrue();
        assertThat(publishedIds()).containsExactly("a1");
    }

    @Test
    void thePeriodicPromotionPublishesWhatARaisedShareOrAReturningBrokerAllows() {
        share.set(1);
        submit("alice", "a1");
        submit("alice", "a2");
        submit("alice", "a3");
        assertThat(publishedIds()).containsExactly("a1");

        share.set(2);
        assertThat(dispatch.promoteAll(Duration.ofHours(2))).isEqualTo(1);
        assertThat(publishedIds()).containsExactly("a1", "a2");

        brokerUp.set(false);
        dispatch.finished(QUEUE, "alice", "a1");
        assertThat(dispatch.counts(QUEUE, "alice")).containsExactly(1, 1);
        brokerUp.set(true);
        assertThat(dispatch.promoteAll(Duration.ofHours(2))).isEqualTo(1);
        assertThat(publishedIds()).containsExactly("a1", "a2", "a3");
    }

    @Test
    void aSlotWhoseMessageVanishedIsReleasedAfterItsLease() {
        share.set(1);
        dispatch = dispatchAt(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        submit("alice", "a1");
        submit("alice", "a2");
        dispatch = dispatchAt(Clock.fixed(Instant.parse("2026-12-07T12:30:00Z"), ZoneOffset.UTC));
        assertThat(dispatch.promoteAll(Duration.ofHours(3))).isZero();
        assertThat(dispatch.promoteAll(Duration.ofHours(2))).isEqualTo(1);
        assertThat(publishedIds()).containsExactly("a1", "a2");
    }

    @Test
    void aLaneIdleForALeaseLosesItsRowAndGetsItBackWhenUsedAgain() {
        share.set(1);
        dispatch = dispatchAt(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        submit("alice", "a1");
        dispatch.finished(QUEUE, "alice", "a1");
        dispatch = dispatchAt(Clock.fixed(Instant.parse("2026-12-07T11:00:00Z"), ZoneOffset.UTC));
        submit("bob", "b1");
        submit("bob", "b2");
        dispatch = dispatchAt(Clock.fixed(Instant.parse("2026-12-07T12:30:00Z"), ZoneOffset.UTC));

        dispatch.promoteAll(Duration.ofHours(2));

        assertThat(jdbc.queryForList("SELECT lane_key FROM work_lane", String.class))
                .as("alice's lane, idle since 10:00, goes; bob's, with work in it, stays")
                .containsExactly(FairBrokerDispatch.lane(QUEUE, "bob"));
        assertThat(submit("alice", "a2")).isTrue();
        assertThat(publishedIds()).containsExactly("a1", "b1", "a2");
        assertThat(jdbc.queryForList("SELECT lane_key FROM work_lane", String.class))
                .containsExactlyInAnyOrder(
                        FairBrokerDispatch.lane(QUEUE, "alice"), FairBrokerDispatch.lane(QUEUE, "bob"));
    }

    @Test
    void concurrentDispatchersNeverGiveOneUserMoreThanTheShare() throws Exception {
        share.set(3);
        int dispatchers = 8;
        ExecutorService nodes = Executors.newFixedThreadPool(dispatchers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int n = 0; n < dispatchers; n++) {
                int node = n;
                nodes.submit(() -> {
                    go.await();
                    for (int i = 0; i < 10; i++) {
                        submit("alice", "n" + node + "-" + i);
                    }
                    return null;
                });
            }
            go.countDown();
            nodes.shutdown();
            assertThat(nodes.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            nodes.shutdownNow();
        }
        assertThat(published).hasSize(3);
        assertThat(dispatch.counts(QUEUE, "alice")).containsExactly(3, 77);
    }

    @Test
    void aWorkerThatFinishesBeforeThePublicationReturnsFindsItsSlot() {
        share.set(1);
        instantWorker = dispatch;
        assertThat(submit("alice", "alice-1")).isTrue();
        assertThat(submit("alice", "alice-2")).isTrue();
        assertThat(submit("alice", "alice-3")).isTrue();
        assertThat(publishedIds()).containsExactly("alice-1", "alice-2", "alice-3");
        assertThat(dispatch.counts(QUEUE, "alice"))
                .as("no slot outlives its message")
                .containsExactly(0, 0);
    }

    @Test
    void aPublicationCutShortByAStoppedNodeIsMadeAgain() {
        share.set(1);
        dispatch = dispatchAt(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        submit("alice", "a1");
        submit("alice", "a2");
        // As a node leaves it when it stops between taking a2 into a slot and publishing it.
        jdbc.update(
                "UPDATE work_waiting SET promoted_at = ? WHERE item_key = 'a2'",
                Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());
        dispatch.finished(QUEUE, "alice", "a1");
        assertThat(publishedIds()).containsExactly("a1");

        dispatch = dispatchAt(Clock.fixed(Instant.parse("2026-12-07T10:05:00Z"), ZoneOffset.UTC));
        dispatch.promoteAll(Duration.ofHours(2));
        assertThat(publishedIds()).containsExactly("a1", "a2");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM work_waiting", Integer.class))
                .isZero();
    }
}
