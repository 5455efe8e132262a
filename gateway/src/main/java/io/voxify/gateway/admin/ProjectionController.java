package io.voxify.gateway.admin;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.web.Envelope;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event processors for administrators: where each one is in the event store, and replays of
 * read-model projections. The list is this node's processors, a dozen at most, so it is not paged.
 */
@RestController
@Tag(name = "Administration")
@RequestMapping("/api/v1/admin/projections")
public class ProjectionController {
    private final Projections projections;

    public ProjectionController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping
    ResponseEntity<Envelope<List<ProjectionResponse>>> list() {
        return Envelope.ok(
                projections.all().stream().map(ProjectionResponse::of).toList());
    }

    @ApiErrors({ErrorCode.PROJECTION_NOT_FOUND})
    @GetMapping("/{name}")
    ResponseEntity<Envelope<ProjectionResponse>> one(@PathVariable String name) {
        return Envelope.ok(ProjectionResponse.of(projections.find(name)));
    }

    @ApiErrors({ErrorCode.PROJECTION_NOT_FOUND, ErrorCode.PROJECTION_NOT_REPLAYABLE, ErrorCode.REPLAY_IN_PROGRESS})
    @PostMapping("/{name}/replay")
    ResponseEntity<Envelope<ProjectionResponse>> replay(@PathVariable String name) {
        ProjectionStatus started = projections.replay(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Envelope.success(
                        ProjectionResponse.of(started),
                        "Replay of " + name + " started; follow it at /api/v1/admin/projections/" + name,
                        null));
    }
}
