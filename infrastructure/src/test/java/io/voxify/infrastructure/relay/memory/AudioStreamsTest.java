package io.voxify.infrastructure.relay.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.infrastructure.relay.AudioRelay;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AudioStreamsTest {
    private final AtomicLong now = new AtomicLong();
    private final AudioStreams streams = new AudioStreams(100, Duration.ofSeconds(10), now::get);

    @Test
    void readersGetEveryChunkInOrderThenTheEnd() throws Exception {
        AudioStreams.Stream stream = streams.open("job_1", 1, 16000);
        stream.publish(new byte[] {1, 2});
        AudioRelay.Source read = streams.find("job_1").orElseThrow();
        assertThat(read.await(0, Duration.ZERO).chunk()).containsExactly(1, 2);
        assertThat(read.await(1, Duration.ofMillis(5)).waiting()).isTrue();
        stream.publish(new byte[] {3, 4});
        stream.end(AudioRelay.End.COMPLETED);
        stream.end(AudioRelay.End.FAILED);
        assertThat(read.await(1, Duration.ZERO).chunk()).containsExactly(3, 4);
        assertThat(read.await(2, Duration.ZERO).end()).isEqualTo(AudioRelay.End.COMPLETED);
        assertThat(streams.bytes()).isEqualTo(4);
    }

    @Test
    void aDiscardedStreamIsGoneAtOnceWithinItsGracePeriod() {
        AudioStreams.Stream stream = streams.open("job_gone", 1, 16000);
        stream.publish(new byte[10]);
        stream.end(AudioRelay.End.COMPLETED);
        assertThat(streams.find("job_gone")).isPresent();
        streams.discard("job_gone");
        assertThat(streams.find("job_gone"))
                .as("within the grace period, yet gone")
                .isEmpty();
        assertThat(streams.bytes()).isZero();
        streams.discard("job_never");
    }

    @Test
    void endedStreamsStayForTheGracePeriod() {
        AudioStreams.Stream stream = streams.open("job_1", 1, 16000);
        stream.publish(new byte[10]);
        stream.end(AudioRelay.End.COMPLETED);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(streams.find("job_1")).isPresent();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(streams.find("job_1")).isEmpty();
        assertThat(streams.bytes()).isZero();
    }

    @Test
    void theBudgetDropsEndedStreamsFirstThenOverflows() throws Exception {
        AudioStreams.Stream old = streams.open("job_old", 1, 16000);
        old.publish(new byte[60]);
        old.end(AudioRelay.End.COMPLETED);
        AudioStreams.Stream running = streams.open("job_new", 1, 16000);
        running.publish(new byte[60]);
        assertThat(streams.find("job_old")).as("dropped for room").isEmpty();
        running.publish(new byte[60]);
        AudioRelay.Source read = streams.find("job_new").orElseThrow();
        assertThat(read.await(0, Duration.ZERO).chunk()).hasSize(60);
        assertThat(read.await(1, Duration.ZERO).end()).isEqualTo(AudioRelay.End.OVERFLOWED);
        assertThat(streams.bytes()).isEqualTo(60);
    }

    @Test
    void aNewAttemptReplacesTheOldStream() throws Exception {
        AudioStreams.Stream first = streams.open("job_1", 1, 16000);
        first.publish(new byte[4]);
        AudioStreams.Stream second = streams.open("job_1", 2, 16000);
        assertThat(first.await(1, Duration.ZERO).end()).isEqualTo(AudioRelay.End.FAILED);
        assertThat(streams.find("job_1")).containsSame(second);
        assertThat(streams.bytes()).isZero();
    }

    @Test
    void disabledKeepsNothing() throws Exception {
        AudioStreams.Stream stream = AudioStreams.disabled().open("job_1", 1, 16000);
        stream.publish(new byte[2]);
        assertThat(stream.await(0, Duration.ZERO).end()).isEqualTo(AudioRelay.End.OVERFLOWED);
    }
}
