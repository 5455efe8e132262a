package io.voxify.saga.training;

public interface TrainingWorkQueue {

    /** @return false when the queue is full and the work was not taken */
    boolean submitTraining(String trainingJobId, String userId);
}
