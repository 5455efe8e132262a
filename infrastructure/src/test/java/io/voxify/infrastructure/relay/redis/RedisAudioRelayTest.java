package io.voxify.infrastructure.relay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.infrastructure.relay.AudioRelay;
import io.voxify.infrastructure.relay.AudioRelay.End;
import io.voxify.infrastructure.relay.AudioRelay.Next;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Against the real Redis on 127.0.0.1:6379 (`make test` starts it when it is down). The worker node and
 * the API node are two relays with connections of their own, as they are two processes in the infra
 * profile.
 */
class RedisAudioRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final String prefix = "voxify-test:" + UUID.randomUUID() + ":audio:";
    private final List<LettuceConnectionFactory> factories = new ArrayList<>();

    private LettuceConnectionFactory connect(int port) {
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        factory.start();
        factories.add(factory);
        return factory;
    }

    private RedisAudioRelay node(Duration grace, long maxBytes) {
        return new RedisAudioRelay(
                new StringRedisTemplate(connect(6379)), prefix, Duration.ofMinutes(1), grace, maxBytes);
    }

    @AfterEach
    void close() {
        factories.forEach(LettuceConnectionFactory::destroy);
    }

    private static byte[] chunk(int n, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (n * 31 + i);
        }
        return b;
    }

    /** Reads a source to its end: every chunk joined, and how it ended. */
    private static Read readAll(AudioRelay.Source source) throws InterruptedException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int index = 0; System.nanoTime() < deadline; ) {
            Next next = source.await(index, Duration.ofMillis(200));
            if (next.chunk() != null) {
                all.writeBytes(next.chunk());
                index++;
            } else if (next.end() != null) {
                return new Read(all.toByteArray(), next.end());
            }
        }
        throw new AssertionError("the stream did not end within " + WAIT);
    }

    private record Read(byte[] audio, End end) {}

    @Test
    void aReaderOnAnotherNodeGetsEachChunkAsItIsPublishedAndTheEnd() throws Exception {
        AudioRelay worker = node(Duration.ofSeconds(30), 1 << 20);
        AudioRelay api = node(Duration.ofSeconds(30), 1 << 20);
        assertThat(api.find("job_1")).as("nothing before the worker starts").isEmpty();

        AudioRelay.Sink sink = worker.open("job_1", 1, 22050);
        sink.publish(chunk(1, 4000));
        try (AudioRelay.Source source = api.find("job_1").orElseThrow()) {
            assertThat(source.attempt()).isEqualTo(1);
            assertThat(source.sampleRate()).isEqualTo(22050);
            assertThat(source.await(0, WAIT).chunk()).isEqualTo(chunk(1, 4000));
            Next waiting = source.await(1, Duration.ofMillis(100));
            assertThat(waiting.waiting())
                    .as("the second sentence is not spoken yet")
                    .isTrue();

            // A reader blocked in Redis wakes up when the chunk is published, not at its timeout.
            CompletableFuture<Instant> woke = CompletableFuture.supplyAsync(() -> {
                try {
                    assertThat(source.await(1, Duration.ofSeconds(10)).chunk()).isEqualTo(chunk(2, 3000));
                    return Instant.now();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            Instant published = Instant.now();
            sink.publish(chunk(2, 3000));
            assertThat(Duration.between(published, woke.get(5, TimeUnit.SECONDS)))
                    .isLessThan(Duration.ofSeconds(2));

            sink.end(End.COMPLETED);
            sink.publish(chunk(3, 10)); // after the end: dropped
            assertThat(source.await(2, WAIT).end()).isEqualTo(End.COMPLETED);
        }

        // A late reader gets the whole attempt from the start.
        try (AudioRelay.Source late = api.find("job_1").orElseThrow()) {
            Read read = readAll(late);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(chunk(1, 4000));
            expected.writeBytes(chunk(2, 3000));
            assertThat(read.audio()).isEqualTo(expected.toByteArray());
            assertThat(read.end()).isEqualTo(End.COMPLETED);
        }
    }

    @Test
    void aDeletedJobsStreamsAreDroppedAtOnceOnAnyNode() {
        AudioRelay worker = node(Duration.ofSeconds(30), 1 << 20);
        AudioRelay api = node(Duration.ofSeconds(30), 1 << 20);
        worker.open("job_gone", 1, 16000).publish(chunk(1, 100));
        AudioRelay.Sink retry = worker.open("job_gone", 2, 16000);
        retry.publish(chunk(2, 100));
        retry.end(AudioRelay.End.COMPLETED);
        worker.open("job_kept", 1, 16000).end(AudioRelay.End.COMPLETED);
        StringRedisTemplate redis = new StringRedisTemplate(connect(6379));
        assertThat(redis.keys(prefix + "job_gone*"))
                .as("the current key and both attempts")
                .hasSize(3);

        api.discard("job_gone");

        assertThat(redis.keys(prefix + "job_gone*"))
                .as("within the grace period, yet gone")
                .isEmpty();
        assertThat(api.find("job_gone")).isEmpty();
        assertThat(api.find("job_kept")).as("other jobs' streams stay").isPresent();
        api.discard("job_never");
    }

    @Test
    void aNewAttemptEndsTheOldOneAsFailedAndReplacesIt() throws Exception {
        AudioRelay worker = node(Duration.ofSeconds(30), 1 << 20);
        AudioRelay api = node(Duration.ofSeconds(30), 1 << 20);
        AudioRelay.Sink first = worker.open("job_2", 1, 16000);
        first.publish(chunk(1, 100));
        AudioRelay.Source following = api.find("job_2").orElseThrow();

        AudioRelay.Sink second = worker.open("job_2", 2, 16000); // the first worker died; a retry runs
        try (following) {
            Read read = readAll(following);
            assertThat(read.audio()).isEqualTo(chunk(1, 100));
            assertThat(read.end())
                    .as("a reader of the dead attempt learns it failed")
                    .isEqualTo(End.FAILED);
        }
        second.publish(chunk(2, 200));
        second.end(End.COMPLETED);
        first.end(End.COMPLETED); // the old worker's late end does not touch the new attempt
        try (AudioRelay.Source current = api.find("job_2").orElseThrow()) {
            assertThat(current.attempt()).isEqualTo(2);
            Read read = readAll(current);
            assertThat(read.audio()).isEqualTo(chunk(2, 200));
            assertThat(read.end()).isEqualTo(End.COMPLETED);
        }
    }

    @Test
    void aStreamOverItsBudgetEndsAsOverflowedAndEndedStreamsExpire() throws Exception {
        AudioRelay worker = node(Duration.ofMillis(500), 1000);
        AudioRelay api = node(Duration.ofMillis(500), 1000);
        AudioRelay.Sink sink = worker.open("job_3", 1, 16000);
        sink.publish(chunk(1, 600));
        sink.publish(chunk(2, 600)); // over the 1000-byte budget
        sink.publish(chunk(3, 10));
        sink.end(End.COMPLETED); // too late: it already ended
        try (AudioRelay.Source source = api.find("job_3").orElseThrow()) {
            Read read = readAll(source);
            assertThat(read.audio()).isEqualTo(chunk(1, 600));
            assertThat(read.end()).as("the rest is in the stored file").isEqualTo(End.OVERFLOWED);
        }
        Thread.sleep(1200);
        assertThat(api.find("job_3")).as("gone after the grace period").isEmpty();
    }

    @Test
    void aStreamWhoseKeyVanishesEndsAsOverflowedForItsReaders() throws Exception {
        LettuceConnectionFactory raw = connect(6379);
        AudioRelay worker = node(Duration.ofSeconds(30), 1 << 20);
        AudioRelay api = node(Duration.ofSeconds(30), 1 << 20);
        worker.open("job_4", 1, 16000).publish(chunk(1, 50));
        try (AudioRelay.Source source = api.find("job_4").orElseThrow()) {
            assertThat(source.await(0, WAIT).chunk()).isEqualTo(chunk(1, 50));
            new StringRedisTemplate(raw).delete(prefix + "job_4:1"); // evicted by Redis, or expired
            assertThat(source.await(1, Duration.ofMillis(200)).end()).isEqualTo(End.OVERFLOWED);
        }
    }

    @Test
    void aRetryIsRelayedEvenWhenTheEarlierAttemptsStreamHasExpired() throws Exception {
        LettuceConnectionFactory raw = connect(6379);
        AudioRelay worker = node(Duration.ofSeconds(30), 1 << 20);
        AudioRelay api = node(Duration.ofSeconds(30), 1 << 20);
        worker.open("job_6", 1, 16000).publish(chunk(1, 10));
        new StringRedisTemplate(raw).delete(prefix + "job_6:1");
        AudioRelay.Sink retry = worker.open("job_6", 2, 16000);
        retry.publish(chunk(2, 20));
        retry.end(End.COMPLETED);
        try (AudioRelay.Source source = api.find("job_6").orElseThrow()) {
            assertThat(source.attempt()).isEqualTo(2);
            Read read = readAll(source);
            assertThat(read.audio()).isEqualTo(chunk(2, 20));
            assertThat(read.end()).isEqualTo(End.COMPLETED);
        }
    }

    @Test
    void anUnreachableRedisNeverFailsTheWorkerAndReadersFindNothing() {
        AudioRelay down = new RedisAudioRelay(
                new StringRedisTemplate(connect(1)), prefix, Duration.ofMinutes(1), Duration.ofSeconds(30), 1 << 20);
        AudioRelay.Sink sink = down.open("job_5", 1, 16000);
        sink.publish(chunk(1, 100));
        sink.end(End.COMPLETED);
        assertThat(down.find("job_5")).isEmpty();
    }
}
