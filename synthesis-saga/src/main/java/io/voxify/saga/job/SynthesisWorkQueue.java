package io.voxify.saga.job;

/**
 * Hands synthesis attempts to workers. The in-process adapter runs them on a bounded pool;
 * a broker-backed adapter lets worker processes compete for them.
 */
public interface SynthesisWorkQueue {

    /**
     * @param userId the job's owner, whose share of the workers the attempt counts against (null for sagas
     *               started before owners were recorded)
     * @return false when the queue is full and the attempt was not taken
     */
    boolean submit(String jobId, String userId, int attempt);
}
