package io.voxify.gateway.admin;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.web.Envelope;
import java.util.LinkedHashMap;
import java.util.Map;
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
    ResponseEntity<Map<String, Object>> list() {
        return Envelope.ok(
                projections.all().stream().map(ProjectionController::json).toList());
    }

    @ApiErrors({ErrorCode.PROJECTION_NOT_FOUND})
    @GetMapping("/{name}")
    ResponseEntity<Map<String, Object>> one(@PathVariable String name) {
        return Envelope.ok(json(projections.find(name)));
    }

    @ApiErrors({ErrorCode.PROJECTION_NOT_FOUND, ErrorCode.PROJECTION_NOT_REPLAYABLE, ErrorCode.REPLAY_IN_PROGRESS})
    @PostMapping("/{name}/replay")
    ResponseEntity<Map<String, Object>> replay(@PathVariable String name) {
        ProjectionStatus started = projections.replay(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Envelope.success(
                        json(started),
                        "Replay of " + name + " started; follow it at /api/v1/admin/projections/" + name,
                        null));
    }

    static Map<String, Object> json(ProjectionStatus p) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", p.name());
        data.put("kind", p.kind().wireName());
        data.put("replayable", p.replayable());
        data.put("status", p.status().wireName());
        data.put("position", p.position());
        data.put("head", p.head());
        data.put("lag", p.lag());
        data.put("replay_progress", p.replayProgress());
        data.put("dead_letters", p.deadLetters());
        data.put("error", p.error());
        return data;
    }
}
