package io.voxify.gateway.voice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.sse.StreamEnd;
import io.voxify.gateway.web.sse.ViewStreams;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A clone's generation job: the fit that builds it, recorded on the clone with an id of its own and a
 * step for every synthesis the fit measures. Its stream is the clone's, shown as a job.
 */
@Tag(name = "Voice clones")
@RestController
@RequestMapping("/api/v1/voice/generation")
public class CloneGenerationController {
    private static final ViewStreams.Shape<CloneView> PROGRESS = new ViewStreams.Shape<>(
            CloneView.class,
            CloneView::version,
            CloneGenerationProgress::of,
            c -> c.status() == CloneStatus.READY || c.status() == CloneStatus.FAILED,
            c -> c.status() == CloneStatus.READY ? StreamEnd.complete() : StreamEnd.endedAs("failed"));

    private final CloneService clones;
    private final ViewStreams streams;

    public CloneGenerationController(CloneService clones, ViewStreams streams) {
        this.clones = clones;
        this.streams = streams;
    }

    @Operation(summary = "A clone's generation job", description = """
            The job `POST /api/v1/voice/clones` answered with (`generation_job_id`): `status` pending, processing, \\
            completed or failed (the clone's pending, training, ready or failed), `progress` 0–100 from `step` of \\
            `steps` (each step one synthesis of a check sentence with a candidate profile, measured against the \\
            samples), `message` (the fit's stage), its `config` and, once done, the clone's `quality_score`.""")
    @ApiErrors({ErrorCode.JOB_NOT_FOUND})
    @GetMapping("/{generationJobId}")
    ResponseEntity<Envelope<CloneGenerationResponse>> get(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String generationJobId) {
        return Envelope.ok(
                CloneGenerationResponse.of(clones.findByGenerationJob(AuthenticatedUser.from(jwt), generationJobId)));
    }

    @Operation(summary = "Follow a clone's generation (server-sent events)", description = """
            The current state, then one event per recorded step, then `{"event": "complete"}` or \\
            `{"event": "failed"}` (`deleted` if the clone is deleted meanwhile); a heartbeat comment every 15 s.""")
    @ApiErrors({ErrorCode.JOB_NOT_FOUND, ErrorCode.TOO_MANY_OPEN_REQUESTS})
    @GetMapping(
            value = "/{generationJobId}/progress",
            produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.ALL_VALUE})
    SseEmitter progress(@AuthenticationPrincipal Jwt jwt, @PathVariable String generationJobId) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        CloneView clone = clones.findByGenerationJob(user, generationJobId);
        return streams.open(user.userId(), new FindCloneQuery(clone.cloneId()), PROGRESS);
    }
}
