package io.voxify.gateway.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import io.voxify.gateway.web.NonBlank;
import io.voxify.gateway.web.RequestRecord;

/** {@code POST /api/v1/auth/login}; fields it does not name are passed over, as they always were. */
@RequestRecord(unknownFieldsRefused = false, objectRequired = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LoginRequest(
        @NonBlank @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String email,

        @NonBlank @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String password) {}
