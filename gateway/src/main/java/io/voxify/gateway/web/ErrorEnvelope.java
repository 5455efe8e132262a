package io.voxify.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A refusal: {@code success} false, {@code data} null and present, the message twice (at the top for clients
 * that only show a message, in {@code error} beside the code), then the time. Every key is always written:
 * clients check {@code data} and {@code error.details} without testing for their presence first.
 */
@JsonPropertyOrder({"success", "data", "message", "error", "timestamp"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErrorEnvelope(
        boolean success,

        @Schema(nullable = true, description = "Always null")
        Object data,

        String message,
        ApiError error,
        @Schema(format = "date-time") String timestamp) {}
