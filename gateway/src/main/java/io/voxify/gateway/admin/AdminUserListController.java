package io.voxify.gateway.admin;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.admin.FindUsersQuery;
import io.voxify.events.admin.UserPage;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.Role;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.Pagination;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account list for administrators: each account as its owner's profile shows it, with what
 * it holds and when it was last active.
 */
@RestController
@Tag(name = "Administration")
@RequestMapping("/api/v1/admin/users")
public class AdminUserListController {
    static final List<String> SORT_FIELDS = List.of("created_at", "email", "last_login_at", "job_count");
    private static final List<String> ROLES =
            Arrays.stream(Role.values()).map(Role::wireName).toList();
    private static final int MAX_SEARCH = 320;

    private final QueryGateway queries;

    public AdminUserListController(QueryGateway queries) {
        this.queries = queries;
    }

    @ApiErrors({ErrorCode.VALIDATION_ERROR})
    @GetMapping
    ResponseEntity<Envelope<List<UserSummaryResponse>>> list(@RequestParam Map<String, String> params) {
        Map<String, String> errors = new LinkedHashMap<>();
        Pagination page = Pagination.from(params, errors);
        String search = trimmed(params.get("search"));
        if (search != null && search.length() > MAX_SEARCH) {
            errors.put("search", "must be at most " + MAX_SEARCH + " characters");
        }
        String role = lower(params.get("role"));
        if (role != null && !ROLES.contains(role)) {
            errors.put("role", "must be one of " + ROLES);
        }
        String active = lower(params.get("is_active"));
        if (active != null && !active.equals("true") && !active.equals("false")) {
            errors.put("is_active", "must be true or false");
        }
        String sortBy = params.containsKey("sort_by") ? lower(params.get("sort_by")) : "created_at";
        // An empty sort_by reads as null, which List.contains refuses with an exception (a 500, found by the fuzzer).
        if (sortBy == null || !SORT_FIELDS.contains(sortBy)) {
            errors.put("sort_by", "must be one of " + SORT_FIELDS);
        }
        String sortOrder = params.containsKey("sort_order") ? lower(params.get("sort_order")) : "desc";
        if (!"asc".equals(sortOrder) && !"desc".equals(sortOrder)) {
            errors.put("sort_order", "must be asc or desc");
        }
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid query parameters", errors);
        }
        UserPage result = queries.query(
                        new FindUsersQuery(
                                search,
                                role == null ? null : Role.fromWire(role),
                                active == null ? null : Boolean.valueOf(active),
                                sortBy,
                                sortOrder.equals("asc"),
                                page.limit(),
                                page.offset()),
                        UserPage.class)
                .join();
        return ResponseEntity.ok(Envelope.success(
                result.items().stream().map(UserSummaryResponse::of).toList(), null, page.meta(result.totalCount())));
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String lower(String value) {
        String trimmed = trimmed(value);
        return trimmed == null ? null : trimmed.toLowerCase();
    }
}
