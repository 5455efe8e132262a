package io.voxify.events.training;

/**
 * How a training job trains, as the client asked.
 *
 * @param epochs             optimisation steps
 * @param learningRate       the optimiser's (Adam's) step size, in log units of the voice's factors
 * @param batchSize          half-second segments of the speaker's speech each step aims at
 * @param timestampAlignment also fit the voice's timing (speed and pauses) to the speaker's
 */
public record TrainingSettings(int epochs, double learningRate, int batchSize, boolean timestampAlignment) {
    public static final int MIN_EPOCHS = 1;
    public static final int MAX_EPOCHS = 1000;
    public static final double MIN_LEARNING_RATE = 0.00001;
    public static final double MAX_LEARNING_RATE = 1.0;
    public static final int MIN_BATCH_SIZE = 1;
    public static final int MAX_BATCH_SIZE = 512;

    /** Within every range above. */
    public boolean valid() {
        return epochs >= MIN_EPOCHS
                && epochs <= MAX_EPOCHS
                && learningRate >= MIN_LEARNING_RATE
                && learningRate <= MAX_LEARNING_RATE
                && batchSize >= MIN_BATCH_SIZE
                && batchSize <= MAX_BATCH_SIZE;
    }
}
