package io.voxify.events.user;

import java.time.Instant;

public record UserView(
        String userId,
        String email,
        String firstName,
        String lastName,
        Role role,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt,
        Instant lastLoginAt,
        String selectedVoiceId,
        int webhookSecretGeneration,
        Instant webhookSecretRotatedAt) {}
