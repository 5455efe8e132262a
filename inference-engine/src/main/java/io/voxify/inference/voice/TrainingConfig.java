package io.voxify.inference.voice;

/**
 * @param epochs       optimisation steps, 1–200
 * @param learningRate step size on the log-scale parameters (0.1–0.5 is sensible; above 1 it oscillates)
 * @param batchSize    check sentences synthesised per epoch, 1 to {@link ProfileTrainer#SENTENCES}'s size
 */
public record TrainingConfig(int epochs, double learningRate, int batchSize) {

    public TrainingConfig {
        if (epochs < 1 || epochs > 200) {
            throw new IllegalArgumentException("epochs must be between 1 and 200: " + epochs);
        }
        if (!(learningRate > 0 && learningRate <= 2)) {
            throw new IllegalArgumentException("learning rate must be in (0, 2]: " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        }
    }
}
