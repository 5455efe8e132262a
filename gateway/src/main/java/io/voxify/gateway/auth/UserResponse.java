package io.voxify.gateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.user.UserView;
import io.voxify.gateway.web.Envelope;

/**
 * An account as its owner (and an administrator) sees it. Times are the API's ISO-8601 strings, null when the
 * event has not happened (never signed in).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserResponse(
        String id,
        String email,
        String firstName,
        String lastName,
        String role,
        // Named outright: Jackson would read an accessor isActive() of a boolean as the property "active".
        @JsonProperty("is_active") boolean isActive,
        String createdAt,
        String updatedAt,
        String lastLoginAt,
        String selectedVoiceId) {

    public static UserResponse of(UserView user) {
        return new UserResponse(
                user.userId(),
                user.email(),
                user.firstName(),
                user.lastName(),
                user.role().wireName(),
                user.enabled(),
                Envelope.iso(user.createdAt()),
                Envelope.iso(user.updatedAt()),
                Envelope.iso(user.lastLoginAt()),
                user.selectedVoiceId());
    }
}
