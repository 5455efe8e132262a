package io.voxify.events.admin;

/**
 * The platform's adjustable settings: request rate and daily quotas per user, upload and text
 * limits, login throttling, the default voice and whether anyone may register. Operators change
 * them at run time through the admin API; every change is an event. {@code allowPrivateCallbacks} lets
 * webhooks reach private and link-local addresses; older events read it as false.
 */
public record PlatformConfig(int requestsPerMinute, int synthesesPerDay, int uploadsPerDay, long maxUploadBytes,
                             int maxTextLength, String defaultVoiceId, boolean registrationOpen,
                             int loginAttemptsPerAccount, int loginAttemptsPerAddress, int loginWindowSeconds,
                             boolean allowPrivateCallbacks) {
}
