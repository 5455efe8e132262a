package io.voxify.inference.voice;

/** Told after every rendering a fit makes (each is one step of a plan counted before the fit starts). */
@FunctionalInterface
public interface FitListener {
    FitListener NONE = (stage, step, steps) -> {};

    /**
     * @param stage what the fit is doing ("choosing the base voice", "fitting formants", ...)
     * @param step  steps done so far, 1-based; a planned rendering that turned out to be unneeded counts as done
     * @param steps the steps planned for the whole fit
     */
    void step(String stage, int step, int steps);
}
