package io.voxify.infrastructure.ratelimit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.voxify.infrastructure.ratelimit.OpenRequestSlots;
import io.voxify.infrastructure.ratelimit.redis.RedisOpenRequestSlots;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Open-request slots: in memory, and in the real Redis on 127.0.0.1:6379 shared by two "nodes" (`make test`
 * starts Redis when it is down).
 */
class OpenRequestSlotsTest {
    private final String prefix = "voxify-test:" + UUID.randomUUID() + ":";
    private final RedisOpenRequestSlots nodeOne =
            new RedisOpenRequestSlots(RedisClient.create("redis://127.0.0.1:6379"), prefix, Duration.ofMillis(900));
    private final RedisOpenRequestSlots nodeTwo =
            new RedisOpenRequestSlots(RedisClient.create("redis://127.0.0.1:6379"), prefix, Duration.ofMillis(900));

    @AfterEach
    void close() {
        nodeOne.close();
        nodeTwo.close();
    }

    @Test
    void inMemoryACapIsHeldAndAClosedSlotComesBackOnce() {
        LocalOpenRequestSlots slots = new LocalOpenRequestSlots();
        Optional<OpenRequestSlots.Slot> a = slots.tryOpen("k", 2);
        Optional<OpenRequestSlots.Slot> b = slots.tryOpen("k", 2);
        assertThat(a).isPresent();
        assertThat(b).isPresent();
        assertThat(slots.tryOpen("k", 2)).isEmpty();
        assertThat(slots.tryOpen("other", 2)).isPresent();
        a.get().close();
        a.get().close();
        assertThat(slots.open("k")).as("closing twice gives back one slot").isEqualTo(1);
        b.get().close();
        assertThat(slots.open("k")).isZero();
        assertThat(slots.keys()).as("a key with nothing open holds no memory").isEqualTo(1);
    }

    @Test
    void twoNodesShareTheCap() {
        assertThat(nodeOne.tryOpen("user:a", 2)).isPresent();
        Optional<OpenRequestSlots.Slot> second = nodeTwo.tryOpen("user:a", 2);
        assertThat(second).isPresent();
        assertThat(nodeOne.tryOpen("user:a", 2)).isEmpty();
        assertThat(nodeTwo.tryOpen("user:b", 2)).isPresent();
        second.get().close();
        assertThat(nodeOne.open("user:a")).isEqualTo(1);
        assertThat(nodeOne.tryOpen("user:a", 2))
                .as("a slot closed on one node is free on the other")
                .isPresent();
    }

    @Test
    void slotsHeldByALiveNodeOutliveTheLeaseAndThoseOfADeadNodeExpire() throws InterruptedException {
        assertThat(nodeOne.tryOpen("user:a", 2)).isPresent();
        RedisOpenRequestSlots dying =
                new RedisOpenRequestSlots(RedisClient.create("redis://127.0.0.1:6379"), prefix, Duration.ofMillis(900));
        assertThat(dying.tryOpen("user:a", 2)).isPresent();
        assertThat(nodeTwo.tryOpen("user:a", 2)).isEmpty();
        dying.close(); // stops renewing, as a node that died would

        Thread.sleep(2_500);
        assertThat(nodeTwo.open("user:a"))
                .as("the live node renewed its slot; the dead node's expired")
                .isEqualTo(1);
        assertThat(nodeTwo.tryOpen("user:a", 2)).isPresent();
    }

    @Test
    void anUnreachableRedisFailsTheRequestRatherThanLettingItPass() {
        RedisOpenRequestSlots down =
                new RedisOpenRequestSlots(RedisClient.create("redis://127.0.0.1:1"), prefix, Duration.ofSeconds(1));
        try {
            assertThatThrownBy(() -> down.tryOpen("user:a", 2)).isInstanceOf(RuntimeException.class);
        } finally {
            down.close();
        }
    }
}
