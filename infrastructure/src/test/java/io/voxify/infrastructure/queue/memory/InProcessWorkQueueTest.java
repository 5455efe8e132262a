package io.voxify.infrastructure.queue.memory;

import io.voxify.infrastructure.queue.QueueProperties;
import io.voxify.infrastructure.queue.WorkHandlers;
import io.voxify.infrastructure.queue.WorkQueue;
import io.voxify.infrastructure.queue.WorkQueueContract;
import io.voxify.infrastructure.queue.WorkShare;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

class InProcessWorkQueueTest extends WorkQueueContract {
    private InProcessWorkQueue queue;

    @Override
    protected WorkQueue queue(WorkHandlers handlers, WorkShare share) {
        Map<String, Integer> pools = new LinkedHashMap<>();
        pools.put(QueueProperties.SYNTHESIS_POOL, 2);
        pools.put(QueueProperties.VOICE_POOL, 2);
        queue = new InProcessWorkQueue(handlers, pools, 100, 100, share);
        return queue;
    }

    @AfterEach
    void close() throws InterruptedException {
        if (queue != null) {
            queue.close();
        }
    }
}
