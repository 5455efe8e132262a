package io.voxify.gateway.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.gateway.web.RequestRecord;

/**
 * {@code POST /api/v1/auth/logout}, whose body is optional and never refused: signing out must always work,
 * so a refresh token that is not a string, or a body that is not an object, is simply no refresh token (the
 * session's own refresh tokens end anyway, by the access token's session).
 */
@RequestRecord(unknownFieldsRefused = false, wrongTypesRefused = false)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LogoutRequest(String refreshToken) {}
