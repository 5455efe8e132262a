package io.voxify.gateway.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.web.ErrorStatuses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * Documents the refusals of every operation in the error envelope, from what the operation is
 * rather than from annotations a new endpoint could forget. Who may call it is asked of the
 * running security rules (as an anonymous caller, a user, an auditor), so the document cannot
 * drift from them: operations anonymous callers may not call answer 401 (and 429 when the rate
 * limit is exhausted), those a user or an auditor may not call also 403. Path variables bring
 * 404, parameters and bodies 400, bodies 413 and 415, and anything may fail with 500. The codes
 * an endpoint declares with {@link ApiErrors} are merged in. Each operation lists all its codes
 * in {@code x-error-codes}.
 */
public class ErrorResponses implements OpenApiCustomizer {
    public static final String ERROR_CODES = "x-error-codes";
    static final String BEARER = "bearer";
    static final String ERROR_ENVELOPE = "#/components/schemas/ErrorEnvelope";

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken(
            "api-docs", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    private static final Authentication USER = caller("ROLE_USER");
    private static final Authentication AUDITOR = caller("ROLE_AUDITOR");

    private final WebInvocationPrivilegeEvaluator privileges;

    public ErrorResponses(WebInvocationPrivilegeEvaluator privileges) {
        this.privileges = privileges;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().forEach((method, operation) -> document(path, method, operation)));
    }

    private void document(String path, PathItem.HttpMethod method, Operation operation) {
        Set<ErrorCode> codes = EnumSet.of(ErrorCode.INTERNAL_ERROR);
        codes.addAll(declared(operation));
        String uri = path.replaceAll("\\{[^}]+}", "x");
        if (!privileges.isAllowed("", uri, method.name(), ANONYMOUS)) {
            codes.addAll(List.of(ErrorCode.UNAUTHORIZED, ErrorCode.INVALID_TOKEN, ErrorCode.RATE_LIMITED));
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
            if (!privileges.isAllowed("", uri, method.name(), USER)
                    || !privileges.isAllowed("", uri, method.name(), AUDITOR)) {
                codes.add(ErrorCode.FORBIDDEN);
            }
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            codes.add(ErrorCode.NOT_FOUND);
        }
        if (parameters.stream().anyMatch(p -> "query".equals(p.getIn()))) {
            codes.add(ErrorCode.VALIDATION_ERROR);
        }
        Set<String> bodyTypes =
                operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                        ? Set.of()
                        : operation.getRequestBody().getContent().keySet();
        if (bodyTypes.stream().anyMatch(t -> t.startsWith("multipart/"))) {
            codes.addAll(List.of(
                    ErrorCode.VALIDATION_ERROR,
                    ErrorCode.BAD_REQUEST,
                    ErrorCode.FILE_TOO_LARGE,
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        } else if (!bodyTypes.isEmpty()) {
            codes.addAll(List.of(
                    ErrorCode.VALIDATION_ERROR,
                    ErrorCode.INVALID_JSON,
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE));
        }
        respond(operation, codes);
    }

    private static Authentication caller(String role) {
        return UsernamePasswordAuthenticationToken.authenticated(
                "api-docs", null, AuthorityUtils.createAuthorityList(role));
    }

    private static Collection<ErrorCode> declared(Operation operation) {
        Object listed = operation.getExtensions() == null
                ? null
                : operation.getExtensions().get(ERROR_CODES);
        List<ErrorCode> codes = new ArrayList<>();
        if (listed instanceof Collection<?> names) {
            names.forEach(name -> codes.add(ErrorCode.valueOf(name.toString())));
        }
        return codes;
    }

    private static void respond(Operation operation, Set<ErrorCode> codes) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<Integer, List<ErrorCode>> byStatus =
                codes.stream().collect(Collectors.groupingBy(ErrorStatuses::of, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, listed) -> {
            String names = listed.stream().map(Enum::name).collect(Collectors.joining(", "));
            responses.addApiResponse(
                    String.valueOf(status),
                    new ApiResponse()
                            .description(HttpStatus.valueOf(status).getReasonPhrase() + " (error.code: " + names + ")")
                            .content(new Content()
                                    .addMediaType(
                                            org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                            new MediaType().schema(new Schema<>().$ref(ERROR_ENVELOPE)))));
        });
        operation.setResponses(responses);
        operation.addExtension(ERROR_CODES, codes.stream().map(Enum::name).toList());
    }
}
