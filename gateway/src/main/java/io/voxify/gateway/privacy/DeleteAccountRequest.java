package io.voxify.gateway.privacy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import io.voxify.gateway.web.NonBlank;
import io.voxify.gateway.web.RequestRecord;

/** {@code DELETE /api/v1/auth/account}: the account's password, so a stolen access token cannot erase it. */
@RequestRecord(objectRequired = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeleteAccountRequest(
        @NonBlank @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String password) {}
