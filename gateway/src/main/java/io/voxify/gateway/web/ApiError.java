package io.voxify.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Why a request was refused: the code a client switches on, the message a person reads, and the details,
 * written as {@code null} when there are none.
 *
 * @param details field names and what is wrong with them when a request is invalid, or a refusal's own
 *     record (a limit and when it resets, a job's state)
 */
@JsonPropertyOrder({"code", "message", "details"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiError(
        String code,
        String message,
        @Schema(nullable = true) Object details) {}
