package io.voxify.gateway.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import io.voxify.gateway.web.NonBlank;
import io.voxify.gateway.web.RequestRecord;

/** {@code POST /api/v1/auth/refresh}: the refresh token to exchange; other fields are passed over. */
@RequestRecord(unknownFieldsRefused = false, objectRequired = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RefreshRequest(
        @NonBlank @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String refreshToken) {}
