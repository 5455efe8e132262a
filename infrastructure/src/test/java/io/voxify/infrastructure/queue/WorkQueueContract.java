package io.voxify.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every work queue adapter does, whatever carries the work: an item reaches the handler of its kind with
 * everything it was queued with, and the workers are shared fairly (one user's flood never holds up another
 * user's item beyond the items already running). Each adapter's test provides a queue with the pools
 * {@code synthesis} and {@code voice}, two workers each, and closes it after each test.
 */
public abstract class WorkQueueContract {
    protected static final long WAIT_SECONDS = 20;

    /** A payload as a feature would attach one: a record of its own. */
    public record Order(String what, int count, String note) {}

    /** A queue over these handlers and this share of the workers per user. */
    protected abstract WorkQueue queue(WorkHandlers handlers, WorkShare share) throws Exception;

    private static WorkItem item(String kind, String id, String userId) {
        return new WorkItem(QueueProperties.SYNTHESIS_POOL, kind, id, 1, null, userId, null, Map.of());
    }

    @Test
    void anItemReachesTheHandlerOfItsKindWithEverythingItWasQueuedWith() throws Exception {
        BlockingQueue<Work> echoed = new LinkedBlockingQueue<>();
        BlockingQueue<Order> payloads = new LinkedBlockingQueue<>();
        List<String> others = new CopyOnWriteArrayList<>();
        WorkQueue queue = queue(
                new WorkHandlers(Map.of(
                        "echo",
                        work -> {
                            payloads.add(work.payload(Order.class));
                            echoed.add(work);
                        },
                        "other",
                        work -> others.add(work.id()))),
                () -> 2);

        assertThat(queue.submit(new WorkItem(
                        QueueProperties.VOICE_POOL,
                        "echo",
                        "item-1",
                        3,
                        "run-7",
                        "alice",
                        new Order("tea", 2, null),
                        Map.of("correlationId", "c-1", "userId", "alice"))))
                .isTrue();

        Work work = echoed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(work).isNotNull();
        assertThat(work.kind()).isEqualTo("echo");
        assertThat(work.id()).isEqualTo("item-1");
        assertThat(work.attempt()).isEqualTo(3);
        assertThat(work.userId()).isEqualTo("alice");
        assertThat(work.metadata()).containsEntry("correlationId", "c-1").containsEntry("userId", "alice");
        assertThat(work.redelivered()).isFalse();
        assertThat(payloads.poll()).isEqualTo(new Order("tea", 2, null));
        assertThat(others).isEmpty();
    }

    @Test
    void anItemWithoutAttemptPayloadOrOwnerArrivesWithoutThem() throws Exception {
        BlockingQueue<Work> echoed = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> noPayload = new LinkedBlockingQueue<>();
        WorkQueue queue = queue(
                new WorkHandlers(Map.of("echo", work -> {
                    noPayload.add(work.payload(Order.class) == null);
                    echoed.add(work);
                })),
                () -> 2);

        assertThat(queue.submit(
                        new WorkItem(QueueProperties.VOICE_POOL, "echo", "item-2", null, null, null, null, Map.of())))
                .isTrue();

        Work work = echoed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(work).isNotNull();
        assertThat(work.attempt()).isNull();
        assertThat(work.userId()).isNull();
        assertThat(work.metadata()).isEmpty();
        assertThat(noPayload.poll()).isTrue();
    }

    @Test
    void oneUsersFloodNeverHoldsUpAnotherUsersItemAndRunsInOrderAfterwards() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        CountDownLatch bobDone = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(4);
        WorkQueue queue = queue(
                new WorkHandlers(Map.of(
                        "slow",
                        work -> {
                            try {
                                gate.await(WAIT_SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            finished.add(work.id());
                            allDone.countDown();
                        },
                        "quick",
                        work -> {
                            finished.add(work.id());
                            bobDone.countDown();
                            allDone.countDown();
                        })),
                () -> 1);
        try {
            for (int i = 1; i <= 3; i++) {
                assertThat(queue.submit(item("slow", "alice-" + i, "alice"))).isTrue();
            }
            assertThat(queue.submit(item("quick", "bob-1", "bob"))).isTrue();

            // Alice holds one worker (her share); the other worker is free for Bob, not for her next item.
            assertThat(bobDone.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(finished).containsExactly("bob-1");
        } finally {
            gate.countDown();
        }
        assertThat(allDone.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(finished).containsExactly("bob-1", "alice-1", "alice-2", "alice-3");
    }

    @Test
    void anItemForAPoolTheQueueDoesNotHaveIsRefused() throws Exception {
        WorkQueue queue = queue(new WorkHandlers(Map.of("echo", work -> {})), () -> 1);

        assertThatThrownBy(
                        () -> queue.submit(new WorkItem("nowhere", "echo", "item-3", 1, null, "alice", null, Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
