package io.voxify.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FairWorkPoolTest {
    private static final long WAIT_SECONDS = 10;

    private FairWorkPool pool;
    private final List<String> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        if (pool != null) {
            pool.shutdown();
            pool.awaitTermination(Duration.ofSeconds(5));
        }
    }

    /** An item that records its start and then waits for its gate. */
    private Runnable item(String name, CountDownLatch gate) {
        return () -> {
            started.add(name);
            await(gate);
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitStarted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (started.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(started).hasSizeGreaterThanOrEqualTo(count);
    }

    @Test
    void aSecondUsersItemRunsNextWhateverTheFirstUserQueuedBeforeIt() throws InterruptedException {
        pool = new FairWorkPool("test-", 1, 100, 100, () -> 1);
        CountDownLatch hold = new CountDownLatch(1);
        pool.submit("alice", "a0", item("a0", hold));
        awaitStarted(1);
        for (int i = 1; i <= 5; i++) {
            pool.submit("alice", "a" + i, item("a" + i, new CountDownLatch(0)));
        }
        pool.submit("bob", "b1", item("b1", new CountDownLatch(0)));
        hold.countDown();
        awaitStarted(7);
        // Alice is at her cap while a0 runs, so Bob's turn comes before her next item.
        assertThat(started).startsWith("a0", "b1", "a1", "a2");
    }

    @Test
    void usersTakeTurnsItemByItem() throws InterruptedException {
        pool = new FairWorkPool("test-", 1, 100, 100, () -> 1);
        CountDownLatch hold = new CountDownLatch(1);
        pool.submit("gate", "gate", item("gate", hold));
        awaitStarted(1);
        CountDownLatch open = new CountDownLatch(0);
        for (int i = 1; i <= 3; i++) {
            pool.submit("alice", "a" + i, item("a" + i, open));
        }
        for (int i = 1; i <= 3; i++) {
            pool.submit("bob", "b" + i, item("b" + i, open));
        }
        pool.submit("carol", "c1", item("c1", open));
        hold.countDown();
        awaitStarted(8);
        assertThat(started).containsExactly("gate", "a1", "b1", "c1", "a2", "b2", "a3", "b3");
    }

    @Test
    void oneUserNeverHoldsMoreThreadsThanTheCapSoAnotherUserStartsAtOnce() throws InterruptedException {
        pool = new FairWorkPool("test-", 3, 100, 100, () -> 2);
        CountDownLatch hold = new CountDownLatch(1);
        for (int i = 1; i <= 4; i++) {
            pool.submit("alice", "a" + i, item("a" + i, hold));
        }
        awaitStarted(2);
        Thread.sleep(100);
        // a1 and a2 start on two threads at once: either may record its start first.
        assertThat(started).containsExactlyInAnyOrder("a1", "a2");
        assertThat(pool.running()).isEqualTo(2);
        assertThat(pool.inFlight("alice")).isEqualTo(4);

        pool.submit("bob", "b1", item("b1", hold));
        awaitStarted(3);
        assertThat(started).containsExactlyInAnyOrder("a1", "a2", "b1");
        hold.countDown();
        awaitStarted(5);
    }

    @Test
    void aRaisedCapLetsWaitingItemsOfThatUserStart() throws InterruptedException {
        AtomicInteger cap = new AtomicInteger(1);
        pool = new FairWorkPool("test-", 2, 100, 100, cap::get);
        CountDownLatch hold = new CountDownLatch(1);
        pool.submit("alice", "a1", item("a1", hold));
        pool.submit("alice", "a2", item("a2", hold));
        awaitStarted(1);
        Thread.sleep(100);
        assertThat(started).containsExactly("a1");

        cap.set(2);
        awaitStarted(2);
        assertThat(started).containsExactly("a1", "a2");
        hold.countDown();
    }

    @Test
    void aFullLaneRefusesOnlyItsOwnUser() throws InterruptedException {
        pool = new FairWorkPool("test-", 1, 100, 2, () -> 1);
        CountDownLatch hold = new CountDownLatch(1);
        assertThat(pool.submit("alice", "a0", item("a0", hold))).isTrue();
        awaitStarted(1);
        assertThat(pool.submit("alice", "a1", item("a1", hold))).isTrue();
        assertThat(pool.submit("alice", "a2", item("a2", hold))).isTrue();
        assertThat(pool.submit("alice", "a3", item("a3", hold)))
                .as("alice's lane holds two")
                .isFalse();
        assertThat(pool.submit("bob", "b1", item("b1", hold))).isTrue();
        assertThat(pool.queued()).isEqualTo(3);
        hold.countDown();
    }

    @Test
    void theWholeBacklogIsBoundedToo() {
        pool = new FairWorkPool("test-", 1, 3, 100, () -> 1);
        CountDownLatch hold = new CountDownLatch(1);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += pool.submit("user-" + i, "x" + i, item("x" + i, hold)) ? 1 : 0;
        }
        // One running (if the thread took it already) plus three queued.
        assertThat(accepted).isBetween(3, 4);
        hold.countDown();
    }

    @Test
    void anItemThatThrowsLeavesTheThreadServing() throws InterruptedException {
        pool = new FairWorkPool("test-", 1, 100, 100, () -> 1);
        pool.submit("alice", "boom", () -> {
            started.add("boom");
            throw new IllegalStateException("boom");
        });
        pool.submit("alice", "after", item("after", new CountDownLatch(0)));
        awaitStarted(2);
        assertThat(started).containsExactly("boom", "after");
        assertThat(pool.inFlight("alice")).isLessThanOrEqualTo(1);
    }

    @Test
    void workOfAnUnknownOwnerSharesOneLane() throws InterruptedException {
        pool = new FairWorkPool("test-", 1, 100, 100, () -> 1);
        CountDownLatch hold = new CountDownLatch(1);
        pool.submit(null, "n0", item("n0", hold));
        awaitStarted(1);
        pool.submit(null, "n1", item("n1", new CountDownLatch(0)));
        pool.submit("bob", "b1", item("b1", new CountDownLatch(0)));
        assertThat(pool.inFlight(null)).isEqualTo(2);
        hold.countDown();
        awaitStarted(3);
        assertThat(started).containsExactly("n0", "b1", "n1");
    }

    @Test
    void shutdownFinishesQueuedWorkAndRefusesNew() throws InterruptedException {
        pool = new FairWorkPool("test-", 1, 100, 100, () -> 1);
        CountDownLatch hold = new CountDownLatch(1);
        pool.submit("alice", "a1", item("a1", hold));
        pool.submit("bob", "b1", item("b1", new CountDownLatch(0)));
        awaitStarted(1);
        pool.shutdown();
        assertThat(pool.submit("carol", "c1", item("c1", hold))).isFalse();
        hold.countDown();
        pool.awaitTermination(Duration.ofSeconds(5));
        assertThat(started).containsExactly("a1", "b1");
        pool = null;
    }

    @Test
    void shutdownNowDropsQueuedWorkAndInterruptsRunningWork() throws InterruptedException {
        pool = new FairWorkPool("test-", 1, 100, 100, () -> 1);
        CountDownLatch interrupted = new CountDownLatch(1);
        pool.submit("alice", "a1", () -> {
            started.add("a1");
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        pool.submit("bob", "b1", item("b1", new CountDownLatch(0)));
        awaitStarted(1);
        pool.shutdownNow();
        assertThat(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        pool.awaitTermination(Duration.ofSeconds(5));
        assertThat(started).containsExactly("a1");
        assertThat(pool.queued()).isZero();
        pool = null;
    }
}
