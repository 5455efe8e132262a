package io.voxify.events.library;

/** Usage of one voice model, from the job events. Times in seconds. */
public record VoiceStatistics(
        String voiceModelId,
        long usageCount,
        long completed,
        long failed,
        double averageSynthesisTime,
        double totalAudioSeconds) {

    /** Completed out of finished jobs, or null before any job finished. */
    public Double successRate() {
        long finished = completed + failed;
        return finished == 0 ? null : (double) completed / finished;
    }
}
