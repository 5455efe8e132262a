package io.voxify.infrastructure.queue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the work queue reads, under the names it always had: {@code voxify.work-queue.type}, the pools' threads
 * ({@code voxify.synthesis.worker-threads}, {@code voxify.voice.worker-threads}), the backlogs
 * ({@code voxify.synthesis.backlog}, {@code voxify.work.backlog-per-user}), the broker's dispatch
 * ({@code voxify.work.*}) and the broker ({@code voxify.rabbitmq.*}).
 *
 * @param workQueue which adapter queues work
 * @param synthesis the synthesis pool, and the backlog every in-process pool keeps
 * @param voice     the voice pool (samples, clones, training: long work kept apart from synthesis)
 * @param work      the users' lanes
 * @param rabbitmq  the broker adapter
 */
@ConfigurationProperties("voxify")
public record QueueProperties(
        @DefaultValue Adapter workQueue,
        @DefaultValue SynthesisPool synthesis,
        @DefaultValue VoicePool voice,
        @DefaultValue Lanes work,
        @DefaultValue Broker rabbitmq) {

    /** The pool synthesis attempts run in. */
    public static final String SYNTHESIS_POOL = "synthesis";
    /** The pool voice work (samples, clones, training) runs in. */
    public static final String VOICE_POOL = "voice";

    /** @param type {@code in-process} (this process runs every piece of work: the embedded default) or {@code rabbitmq} */
    public record Adapter(@DefaultValue("in-process") String type) {}

    /**
     * @param workerThreads threads of the synthesis pool; 0: one per processor
     * @param backlog       items an in-process pool holds waiting, all users together
     */
    public record SynthesisPool(
            @DefaultValue("0") int workerThreads,
            @DefaultValue("10000") int backlog) {}

    /** @param workerThreads threads of the voice pool (at least one) */
    public record VoicePool(@DefaultValue("1") int workerThreads) {}

    /**
     * @param backlogPerUser  items one user may have waiting in an in-process pool
     * @param promoteInterval how often every node publishes waiting broker work whose owner has room
     * @param slotLease       how long a slot on the broker counts against its owner when its message is gone
     */
    public record Lanes(
            @DefaultValue("500") int backlogPerUser,
            @DefaultValue("PT2S") Duration promoteInterval,
            @DefaultValue("PT2H") Duration slotLease) {}

    /**
     * @param prefix               the first part of every exchange and queue name, so installations (and test
     *                             runs) can share a broker
     * @param deliveryAttempts     tries of a message whose handler failed before it is parked as dead
     * @param firstRedeliveryDelay the back-off before the second try (doubling, up to eight times this)
     */
    public record Broker(
            @DefaultValue("voxify") String prefix,
            @DefaultValue("4") int deliveryAttempts,
            @DefaultValue("PT1S") Duration firstRedeliveryDelay) {}

    /** The pools and their threads on this node, in a fixed order. */
    public Map<String, Integer> pools() {
        Map<String, Integer> pools = new LinkedHashMap<>();
        int synthesisThreads = synthesis.workerThreads() > 0
                ? synthesis.workerThreads()
                : Math.max(1, Runtime.getRuntime().availableProcessors());
        pools.put(SYNTHESIS_POOL, synthesisThreads);
        pools.put(VOICE_POOL, Math.max(1, voice.workerThreads()));
        return pools;
    }
}
