package io.voxify.gateway.privacy;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The deletion's answer as the API document shows it: the envelope with {@link AccountDeletionResponse} as its data
 * ({@link AccountController} returns the envelope as a map, which the document could only call an object).
 */
final class DeletionSchemas {

    private DeletionSchemas() {}

    @Schema(name = "AccountDeletionEnvelope", description = "The envelope with the deletion as its data")
    record DeletionEnvelope(
            boolean success,
            AccountDeletionResponse data,
            @Schema(example = "Account deleted") String message,
            @Schema(format = "date-time") String timestamp) {}
}
