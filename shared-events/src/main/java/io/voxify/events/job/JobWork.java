package io.voxify.events.job;

/** What a worker needs to run an attempt, as the aggregate holds it when the attempt starts. */
public record JobWork(String jobId, String userId, int attempt, String text, String textLanguage,
                      String voiceModelId, SynthesisSettings settings) {
}
