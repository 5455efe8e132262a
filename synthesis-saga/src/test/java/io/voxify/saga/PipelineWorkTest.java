package io.voxify.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.infrastructure.queue.QueueProperties;
import io.voxify.infrastructure.queue.WorkItem;
import io.voxify.saga.sample.SampleTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sagas' work as items of the generic queue: synthesis in its own pool, voice work in the other, and the
 * keys the broker's fair dispatch knows items by exactly as they were before the queue was generic (a key
 * recorded by an earlier version must still match the same work offered again).
 */
class PipelineWorkTest {
    private final List<WorkItem> queued = new ArrayList<>();
    private final PipelineWork work = new PipelineWork(item -> queued.add(item));

    @Test
    void synthesisAttemptsGoToTheSynthesisPoolKeyedByAttempt() {
        assertThat(work.submit("job-1", "alice", 2)).isTrue();

        WorkItem item = queued.get(0);
        assertThat(item.pool()).isEqualTo(QueueProperties.SYNTHESIS_POOL);
        assertThat(item.kind()).isEqualTo("synthesis");
        assertThat(item.userId()).isEqualTo("alice");
        assertThat(item.key()).isEqualTo("synthesis:job-1:2");
    }

    @Test
    void voiceWorkGoesToTheVoicePoolWithTheKeysItAlwaysHad() {
        SampleTask task = new SampleTask("s-1", "p-1", "alice", "samples/s-1.wav");
        work.submitSample(task);
        work.submitClone("c-1", "bob", 1);
        work.submitTraining("t-1", "carol");

        assertThat(queued).extracting(WorkItem::pool).containsOnly(QueueProperties.VOICE_POOL);
        assertThat(queued)
                .extracting(WorkItem::key)
                .containsExactly("sample:s-1:p-1", "clone:c-1:1", "training:t-1:null");
        assertThat(queued.get(0).payload()).isEqualTo(task);
        assertThat(queued).extracting(WorkItem::userId).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aQueueThatIsFullIsReportedToTheSaga() {
        PipelineWork full = new PipelineWork(item -> false);

        assertThat(full.submit("job-1", "alice", 1)).isFalse();
        assertThat(full.submitSample(new SampleTask("s-1", "p-1", "alice", "k")))
                .isFalse();
        assertThat(full.submitClone("c-1", "alice", 1)).isFalse();
        assertThat(full.submitTraining("t-1", "alice")).isFalse();
    }
}
