package io.voxify.inference.voice;

/**
 * How {@link ProfileTrainer} trains.
 *
 * @param epochs              optimisation steps, {@value #MIN_EPOCHS}–{@value #MAX_EPOCHS}
 * @param learningRate        Adam's step size, {@value #MIN_LEARNING_RATE}–{@value #MAX_LEARNING_RATE}: about how far
 *                            one step moves each parameter, in log units for the factors (0.001 is a 0.1 % change)
 * @param batchSize           segments of the speaker's material ({@value SpeakerMaterial#SEGMENT_SECONDS} s of
 *                            speech each) each step aims at, {@value #MIN_BATCH}–{@value #MAX_BATCH}; more than the
 *                            material holds means all of it
 * @param timestampAlignment  also fit the voice's timing to the speaker: the speed by the articulation rate, and
 *                            the pauses by the median pause
 */
public record TrainingConfig(int epochs, double learningRate, int batchSize, boolean timestampAlignment) {

    public static final int MIN_EPOCHS = 1;
    public static final int MAX_EPOCHS = 1000;
    public static final double MIN_LEARNING_RATE = 0.00001;
    public static final double MAX_LEARNING_RATE = 1.0;
    public static final int MIN_BATCH = 1;
    public static final int MAX_BATCH = 512;

    public TrainingConfig {
        if (epochs < MIN_EPOCHS || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException(
                    "epochs must be between " + MIN_EPOCHS + " and " + MAX_EPOCHS + ": " + epochs);
        }
        if (!(learningRate >= MIN_LEARNING_RATE && learningRate <= MAX_LEARNING_RATE)) {
            throw new IllegalArgumentException("learning rate must be between " + MIN_LEARNING_RATE + " and "
                    + MAX_LEARNING_RATE + ": " + learningRate);
        }
        if (batchSize < MIN_BATCH || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException(
                    "batch size must be between " + MIN_BATCH + " and " + MAX_BATCH + ": " + batchSize);
        }
    }
}
