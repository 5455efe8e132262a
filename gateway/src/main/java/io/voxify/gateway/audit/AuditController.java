package io.voxify.gateway.audit;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.audit.AggregateOwner;
import io.voxify.events.audit.AuditEventPage;
import io.voxify.events.audit.FindAggregateOwnerQuery;
import io.voxify.events.audit.FindAuditEventsQuery;
import io.voxify.events.audit.FindJobStateAtQuery;
import io.voxify.events.audit.JobStateAt;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.Role;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.job.JobResponse;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.QueryParams;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail over HTTP. A job's, sample's or clone's history is open to its owner, to
 * auditors and to administrators (anyone else gets the same 404 as for nothing); the global
 * stream only to auditors and administrators. Histories outlive deletion: they come from the
 * event store, not from the read models.
 */
@RestController
@Tag(name = "Audit")
@RequestMapping("/api/v1/audit")
public class AuditController {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,99}");

    private final QueryGateway queries;
    private final AuditJson json;

    public AuditController(QueryGateway queries, AuditJson json) {
        this.queries = queries;
        this.json = json;
    }

    /** The kinds of aggregate whose history has its own route. */
    private enum Kind {
        JOB("SynthesisJob", ErrorCode.JOB_NOT_FOUND, "Job"),
        SAMPLE("VoiceSample", ErrorCode.SAMPLE_NOT_FOUND, "Sample"),
        CLONE("VoiceClone", ErrorCode.CLONE_NOT_FOUND, "Clone");

        final String aggregateType;
        final ErrorCode notFound;
        final String label;

        Kind(String aggregateType, ErrorCode notFound, String label) {
            this.aggregateType = aggregateType;
            this.notFound = notFound;
            this.label = label;
        }
    }

    @ApiErrors({ErrorCode.JOB_NOT_FOUND, ErrorCode.VALIDATION_ERROR})
    @GetMapping("/jobs/{id}/events")
    ResponseEntity<Envelope<List<AuditEventResponse>>> jobEvents(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestParam Map<String, String> params) {
        return history(jwt, Kind.JOB, id, params);
    }

    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND, ErrorCode.VALIDATION_ERROR})
    @GetMapping("/samples/{id}/events")
    ResponseEntity<Envelope<List<AuditEventResponse>>> sampleEvents(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestParam Map<String, String> params) {
        return history(jwt, Kind.SAMPLE, id, params);
    }

    @ApiErrors({ErrorCode.CLONE_NOT_FOUND, ErrorCode.VALIDATION_ERROR})
    @GetMapping("/clones/{id}/events")
    ResponseEntity<Envelope<List<AuditEventResponse>>> cloneEvents(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestParam Map<String, String> params) {
        return history(jwt, Kind.CLONE, id, params);
    }

    @ApiErrors({ErrorCode.JOB_NOT_FOUND, ErrorCode.VALIDATION_ERROR})
    @GetMapping("/jobs/{id}/state")
    ResponseEntity<Envelope<JobStateResponse>> jobState(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestParam Map<String, String> params) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant at = QueryParams.instant(params.get("at"), "at", errors, true);
        if (at == null && !errors.containsKey("at")) {
            errors.put("at", "is required: an ISO-8601 time such as 2024-01-15T10:30:00Z");
        }
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid query parameters", errors);
        }
        AggregateOwner owner = ownedAggregate(AuthenticatedUser.from(jwt), Kind.JOB, id);
        JobStateAt state = queries.query(new FindJobStateAtQuery(owner.aggregateId(), at), JobStateAt.class)
                .join();
        String createdAt = state.createdAt() == null ? null : Envelope.iso(state.createdAt());
        String deletedAt = state.deletedAt() == null ? null : Envelope.iso(state.deletedAt());
        if (state.job() == null) {
            throw new DomainException(
                    ErrorCode.JOB_NOT_FOUND,
                    state.deletedAt() != null
                            ? "Job " + id + " had been deleted by " + Envelope.iso(at)
                            : "Job " + id + " did not exist yet at " + Envelope.iso(at),
                    new JobAbsentDetails(Envelope.iso(at), createdAt, deletedAt));
        }
        return Envelope.ok(new JobStateResponse(
                Envelope.iso(at),
                createdAt,
                deletedAt,
                state.eventCount(),
                state.lastSequence(),
                JobResponse.of(state.job(), true)));
    }

    /** The global stream, for auditors and administrators (the security rules admit no one else). */
    @ApiErrors({ErrorCode.VALIDATION_ERROR})
    @GetMapping("/events")
    ResponseEntity<Envelope<List<AuditEventResponse>>> events(@RequestParam Map<String, String> params) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> types = names(params.get("type"), "type", errors);
        List<String> aggregateTypes = names(params.get("aggregate_type"), "aggregate_type", errors);
        String aggregateId = identifier(params.get("aggregate_id"), "aggregate_id", errors);
        String userId = identifier(params.get("user_id"), "user_id", errors);
        Instant from = QueryParams.instant(params.get("from"), "from", errors, false);
        Instant to = QueryParams.instant(params.get("to"), "to", errors, true);
        if (from != null && to != null && from.isAfter(to)) {
            errors.put("to", "must not be before from");
        }
        long after = QueryParams.integer(params.get("after"), "after", 0, 0, Long.MAX_VALUE, errors);
        int limit = (int) QueryParams.integer(params.get("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid query parameters", errors);
        }
        return page(
                new FindAuditEventsQuery(types, aggregateTypes, aggregateId, userId, from, to, after, limit),
                after,
                limit,
                null);
    }

    private ResponseEntity<Envelope<List<AuditEventResponse>>> history(
            Jwt jwt, Kind kind, String id, Map<String, String> params) {
        Map<String, String> errors = new LinkedHashMap<>();
        long after = QueryParams.integer(params.get("after"), "after", 0, 0, Long.MAX_VALUE, errors);
        int limit = (int) QueryParams.integer(params.get("limit"), "limit", MAX_LIMIT, 1, MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid query parameters", errors);
        }
        AuthenticatedUser caller = AuthenticatedUser.from(jwt);
        AggregateOwner owner = ownedAggregate(caller, kind, id);
        // An owner sees who acted on their resource, not from where: other people's addresses are theirs.
        String viewer = caller.isAdmin() || caller.role() == Role.AUDITOR ? null : caller.userId();
        return page(FindAuditEventsQuery.ofAggregate(owner.aggregateId(), after, limit), after, limit, viewer);
    }

    private AggregateOwner ownedAggregate(AuthenticatedUser caller, Kind kind, String id) {
        return queries.query(new FindAggregateOwnerQuery(id), ResponseTypes.optionalInstanceOf(AggregateOwner.class))
                .join()
                .filter(owner -> kind.aggregateType.equals(owner.aggregateType()))
                .filter(owner -> caller.role() == Role.AUDITOR || caller.mayAccess(owner.userId()))
                .orElseThrow(() -> new DomainException(kind.notFound, kind.label + " " + id + " was not found"));
    }

    /** A page of events; for a {@code viewer} other than an auditor or admin, without other people's addresses. */
    private ResponseEntity<Envelope<List<AuditEventResponse>>> page(
            FindAuditEventsQuery query, long after, int limit, String viewer) {
        AuditEventPage page = queries.query(query, AuditEventPage.class).join();
        List<AuditEventResponse> events =
                page.events().stream().map(e -> json.of(e, viewer)).toList();
        AuditPagination pagination = new AuditPagination(
                limit,
                after,
                events.size(),
                page.hasMore(),
                events.isEmpty() ? null : events.get(events.size() - 1).position());
        return ResponseEntity.ok(Envelope.success(events, null, new AuditListMeta(pagination)));
    }

    private static List<String> names(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> names = Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        if (names.size() > 20 || !names.stream().allMatch(n -> NAME.matcher(n).matches())) {
            errors.put(field, "must be a comma list of up to 20 names such as JobCreatedEvent");
        }
        return names;
    }

    private static String identifier(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > 64) {
            errors.put(field, "must be at most 64 characters");
        }
        return v;
    }
}
