package io.voxify.saga.clone;

public interface CloneWorkQueue {

    /** @return false when the queue is full and the work was not taken */
    boolean submitClone(String cloneId, String userId, int attempt);
}
