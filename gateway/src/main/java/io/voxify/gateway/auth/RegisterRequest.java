package io.voxify.gateway.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import io.voxify.gateway.web.MaxCodePoints;
import io.voxify.gateway.web.NonBlank;
import io.voxify.gateway.web.RequestRecord;

/**
 * {@code POST /api/v1/auth/register}. The e-mail's form and the password's strength are checked after the
 * fields (they have refusals of their own, INVALID_EMAIL and WEAK_PASSWORD); fields it does not name are
 * passed over, as they always were.
 */
@RequestRecord(unknownFieldsRefused = false, objectRequired = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegisterRequest(
        @NonBlank @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String email,

        @NonBlank @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String password,

        @MaxCodePoints(AuthController.MAX_NAME) @Schema(maxLength = AuthController.MAX_NAME)
        String firstName,

        @MaxCodePoints(AuthController.MAX_NAME) @Schema(maxLength = AuthController.MAX_NAME)
        String lastName) {}
