package io.voxify.gateway.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.FindJobsQuery;
import io.voxify.events.job.JobPage;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.Pagination;
import io.voxify.gateway.web.QueryParams;
import io.voxify.gateway.web.sse.StreamEnd;
import io.voxify.gateway.web.sse.ViewStreams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@Tag(name = "Synthesis jobs")
@RestController
@RequestMapping("/api/v1/job")
public class JobController {
    static final List<String> SORT_FIELDS =
            List.of("created_at", "updated_at", "status", "progress", "duration", "text_length");

    private static final ViewStreams.Shape<JobView> PROGRESS = new ViewStreams.Shape<>(
            JobView.class,
            JobView::version,
            JobProgress::of,
            job -> job.status().isFinal(),
            job -> job.status() == JobStatus.COMPLETED
                    ? StreamEnd.complete()
                    : StreamEnd.endedAs(job.status().wireName()));

    private final JobService jobs;
    private final ViewStreams streams;
    private final PlatformSettings platform;

    public JobController(JobService jobs, ViewStreams streams, PlatformSettings platform) {
        this.jobs = jobs;
        this.streams = streams;
        this.platform = platform;
    }

    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({ErrorCode.VOICE_MODEL_NOT_FOUND, ErrorCode.QUOTA_EXCEEDED})
    @PostMapping
    ResponseEntity<Envelope<JobResponse>> create(
            @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) JsonNode body) {
        var job = jobs.create(AuthenticatedUser.from(jwt), JobRequest.parse(body, platform.config()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Envelope.success(JobResponse.of(job, true), "Synthesis job created successfully", null));
    }

    @ApiErrors({ErrorCode.FORBIDDEN})
    @GetMapping
    ResponseEntity<Envelope<List<JobResponse>>> list(
            @AuthenticationPrincipal Jwt jwt, @RequestParam Map<String, String> params) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        Map<String, String> errors = new LinkedHashMap<>();
        Pagination page = Pagination.from(params, errors);

        String ownerFilter = user.userId();
        String requestedUser = params.get("user_id");
        if (requestedUser != null && !requestedUser.isBlank()) {
            if (!user.isAdmin() && !requestedUser.equals(user.userId())) {
                throw new DomainException(ErrorCode.FORBIDDEN, "Only administrators may list other users' jobs");
            }
            ownerFilter = requestedUser.trim();
        } else if (user.isAdmin() && "all".equals(params.get("scope"))) {
            ownerFilter = null;
        }

        List<JobStatus> statuses = new ArrayList<>();
        String status = params.get("status");
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                try {
                    statuses.add(JobStatus.fromWire(s));
                } catch (IllegalArgumentException e) {
                    errors.put("status", "must be a comma list of pending, processing, completed, failed, cancelled");
                }
            }
        }
        String sortBy = params.getOrDefault("sort_by", "created_at").trim().toLowerCase();
        if (!SORT_FIELDS.contains(sortBy)) {
            errors.put("sort_by", "must be one of " + SORT_FIELDS);
        }
        String sortOrder = params.getOrDefault("sort_order", "desc").trim().toLowerCase();
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            errors.put("sort_order", "must be asc or desc");
        }
        String textSearch = params.get("text_search");
        if (textSearch != null && textSearch.length() > 200) {
            errors.put("text_search", "must be at most 200 characters");
        }
        Instant after = QueryParams.instant(params.get("created_after"), "created_after", errors, false);
        Instant before = QueryParams.instant(params.get("created_before"), "created_before", errors, true);
        boolean includeText = bool(params.get("include_text"), "include_text", errors);
        String voice = params.get("voice_model_id");
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid query parameters", errors);
        }
        JobPage result = jobs.list(new FindJobsQuery(
                ownerFilter,
                statuses,
                blankToNull(voice),
                blankToNull(textSearch),
                after,
                before,
                sortBy,
                sortOrder.equals("asc"),
                page.limit(),
                page.offset()));
        return ResponseEntity.ok(Envelope.success(
                result.items().stream().map(j -> JobResponse.of(j, includeText)).toList(),
                null,
                page.meta(result.totalCount())));
    }

    @ApiErrors({ErrorCode.JOB_NOT_FOUND})
    @GetMapping("/{jobId}")
    ResponseEntity<Envelope<JobResponse>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String jobId) {
        return Envelope.ok(JobResponse.of(jobs.find(AuthenticatedUser.from(jwt), jobId), true));
    }

    /** The job is found before its body is read: an unknown job is 404 whatever the body. */
    @ApiErrors({ErrorCode.JOB_NOT_FOUND, ErrorCode.JOB_NOT_UPDATABLE})
    @PutMapping("/{jobId}")
    ResponseEntity<Envelope<JobResponse>> update(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String jobId,
            @RequestBody(required = false) JsonNode body) {
        JobView current = jobs.find(AuthenticatedUser.from(jwt), jobId);
        JobRequest request = JobRequest.parse(body, platform.config(), current);
        return Envelope.ok(JobResponse.of(jobs.update(current, request), true), "Job updated successfully");
    }

    @ApiErrors({ErrorCode.JOB_NOT_FOUND, ErrorCode.FORBIDDEN, ErrorCode.INVALID_STATUS_TRANSITION})
    @PatchMapping("/{jobId}")
    ResponseEntity<Envelope<JobResponse>> patch(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String jobId,
            @RequestBody(required = false) JsonNode body) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        JobView current = jobs.find(user, jobId);
        return Envelope.ok(
                JobResponse.of(jobs.patch(user, current, JobPatchRequest.parse(body)), true),
                "Job updated successfully");
    }

    @ApiErrors({ErrorCode.JOB_NOT_FOUND, ErrorCode.JOB_NOT_DELETABLE})
    @DeleteMapping("/{jobId}")
    ResponseEntity<Envelope<Void>> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String jobId) {
        jobs.delete(AuthenticatedUser.from(jwt), jobId);
        return Envelope.ok(null, "Job deleted successfully");
    }

    @ApiErrors({ErrorCode.JOB_NOT_FOUND, ErrorCode.TOO_MANY_OPEN_REQUESTS})
    @GetMapping(
            value = "/{jobId}/progress",
            produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.ALL_VALUE})
    SseEmitter progress(@AuthenticationPrincipal Jwt jwt, @PathVariable String jobId) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        jobs.find(user, jobId);
        return streams.open(user.userId(), new FindJobQuery(jobId), PROGRESS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static boolean bool(String value, String name, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> {
                errors.put(name, "must be true or false");
                yield true;
            }
        };
    }
}
