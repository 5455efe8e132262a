package io.voxify.events.job;

/**
 * What a worker needs to run an attempt, as the aggregate holds it when the attempt starts.
 * {@code textFormat} is {@link JobCreatedEvent#PLAIN_TEXT} or {@link JobCreatedEvent#SSML}.
 */
public record JobWork(
        String jobId,
        String userId,
        int attempt,
        String text,
        String textLanguage,
        String voiceModelId,
        SynthesisSettings settings,
        String textFormat) {

    /** Plain text. */
    public JobWork(
            String jobId,
            String userId,
            int attempt,
            String text,
            String textLanguage,
            String voiceModelId,
            SynthesisSettings settings) {
        this(jobId, userId, attempt, text, textLanguage, voiceModelId, settings, JobCreatedEvent.PLAIN_TEXT);
    }
}
