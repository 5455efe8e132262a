package io.voxify.events.admin;

/**
 * The platform's adjustable settings: request rate and daily quotas per user, upload and text
 * limits, login throttling, the default voice and whether anyone may register. Operators change
 * them at run time through the admin API; every change is an event. {@code allowPrivateCallbacks} lets
 * webhooks reach private and link-local addresses; older events read it as false.
 * <p>
 * The daily quotas of sample processings, clones and trainings, and the per-user caps on work
 * and long-lived requests at once, came with revision 2 of {@link PlatformConfigChangedEvent};
 * a revision 1 event is read with the node's defaults for them (an upcaster), since a zero
 * would mean "nothing allowed". {@code maxWorkInFlightPerUser} counts background work items
 * (syntheses, sample processings, clone fits, trainings) dispatched to workers and not yet
 * finished; {@code maxAudioStreamsPerUser} open audio streams ({@code GET /job/{id}/audio/stream},
 * {@code POST /tts/stream}); {@code maxEventStreamsPerUser} open progress (SSE) streams;
 * {@code maxSyncSpeechPerUser} synchronous {@code POST /v1/audio/speech} requests in progress.
 * <p>
 * {@code jobRetentionDays} is how long a job's text and audio are kept after it ended: 0 keeps them for
 * ever; after that many days the text is erased (the job's key destroyed) and the audio removed. It came
 * without a new revision: an older event reads it as 0, which keeps everything, since an administrator
 * who wrote it never chose to erase anything and an erasure cannot be undone.
 */
public record PlatformConfig(
        int requestsPerMinute,
        int synthesesPerDay,
        int uploadsPerDay,
        long maxUploadBytes,
        int maxTextLength,
        String defaultVoiceId,
        boolean registrationOpen,
        int loginAttemptsPerAccount,
        int loginAttemptsPerAddress,
        int loginWindowSeconds,
        boolean allowPrivateCallbacks,
        int sampleProcessingsPerDay,
        int clonesPerDay,
        int trainingsPerDay,
        int maxWorkInFlightPerUser,
        int maxAudioStreamsPerUser,
        int maxEventStreamsPerUser,
        int maxSyncSpeechPerUser,
        int jobRetentionDays) {}
