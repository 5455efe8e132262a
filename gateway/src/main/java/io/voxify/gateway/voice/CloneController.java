package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.clone.ClonePage;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.UserView;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.Pagination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Voice clones")
@RestController
@RequestMapping("/api/v1/voice/clones")
public class CloneController {
    private final CloneService clones;

    public CloneController(CloneService clones) {
        this.clones = clones;
    }

    @Operation(summary = "Generate a voice clone from processed samples", description = """
            Body: `sample_ids` (1–20 of your processed samples), `name`, optional `description`, `language` \
            (default: the first sample's) and `config`, the generation parameters:
            - `base_voice_id`: a preset or neural voice of the library (`GET /api/v1/voice/models?type=preset` or \
            `neural`) in the clone's language, which the fit starts from instead of the nearest built-in voice \
            it picks itself; a clone cannot be a base.
            - `quality`: `fast`, `balanced` (default) or `best`, the fit's effort: base choice by pitch alone or \
            by pitch and speaker similarity, one or two check sentences, 4, 10 or 14 formant scales, 2, 5 or 8 \
            breathiness levels, 0, 1 or 2 last pitch corrections (about 12, 26 and 61 syntheses of a check \
            sentence without a base, 9, 19 and 50 with one).

            Any other field, at the top or in `config`, is refused with 400 naming it. The answer is the clone \
            (`clone_id`) with its `generation_job_id`: follow the fit at `GET /api/v1/voice/generation/{id}` \
            and its SSE stream `/progress`.""")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({
        ErrorCode.SAMPLE_NOT_FOUND,
        ErrorCode.SAMPLE_NOT_PROCESSED,
        ErrorCode.VOICE_MODEL_NOT_FOUND,
        ErrorCode.QUOTA_EXCEEDED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PostMapping
    ResponseEntity<Envelope<CloneResponse>> create(
            @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) JsonNode body) {
        var clone = clones.create(AuthenticatedUser.from(jwt), CloneRequest.parse(body));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Envelope.success(CloneResponse.of(clone), "Voice clone creation started", null));
    }

    @GetMapping
    ResponseEntity<Envelope<List<CloneResponse>>> list(
            @AuthenticationPrincipal Jwt jwt, @RequestParam Map<String, String> params) {
        Map<String, String> errors = new LinkedHashMap<>();
        Pagination page = Pagination.from(params, errors);
        List<CloneStatus> statuses = new ArrayList<>();
        String status = params.get("status");
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                try {
                    statuses.add(CloneStatus.valueOf(s.trim().toUpperCase()));
                } catch (IllegalArgumentException e) {
                    errors.put("status", "must be a comma list of pending, training, ready, failed");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid query parameters", errors);
        }
        ClonePage result = clones.list(AuthenticatedUser.from(jwt), statuses, page.limit(), page.offset());
        return ResponseEntity.ok(Envelope.success(
                result.items().stream().map(CloneResponse::of).toList(), null, page.meta(result.totalCount())));
    }

    @ApiErrors({ErrorCode.CLONE_NOT_FOUND})
    @GetMapping("/{cloneId}")
    ResponseEntity<Envelope<CloneResponse>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String cloneId) {
        return Envelope.ok(CloneResponse.of(clones.find(AuthenticatedUser.from(jwt), cloneId)));
    }

    @ApiErrors({ErrorCode.CLONE_NOT_FOUND, ErrorCode.INVALID_STATUS_TRANSITION})
    @DeleteMapping("/{cloneId}")
    ResponseEntity<Envelope<Void>> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String cloneId) {
        clones.delete(AuthenticatedUser.from(jwt), cloneId);
        return Envelope.ok(null, "Voice clone deleted");
    }

    @ApiErrors({
        ErrorCode.CLONE_NOT_FOUND,
        ErrorCode.CLONE_NOT_READY,
        ErrorCode.VOICE_MODEL_NOT_FOUND,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PostMapping("/{cloneId}/select")
    ResponseEntity<Envelope<CloneSelectionResponse>> select(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String cloneId) {
        UserView user = clones.select(AuthenticatedUser.from(jwt), cloneId);
        return Envelope.ok(new CloneSelectionResponse(cloneId, user.selectedVoiceId(), true), "Voice clone selected");
    }
}
