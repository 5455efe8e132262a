package io.voxify.inference;

/** Progress in percent 0–100 with a human-readable message. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (percent, message) -> {};

    void onProgress(double percent, String message);
}
