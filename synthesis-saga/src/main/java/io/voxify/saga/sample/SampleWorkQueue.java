package io.voxify.saga.sample;

public interface SampleWorkQueue {

    /** @return false when the queue is full and the work was not taken */
    boolean submitSample(SampleTask task);
}
