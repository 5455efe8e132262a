package io.voxify.gateway.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.web.ErrorStatuses;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * The OpenAPI 3 document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui/index.html}):
 * the envelope every answer comes in, the error codes a client can meet, the bearer scheme, and
 * for each operation the refusals it can give ({@link ErrorResponses}).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {
    private static final String APPLICATION_JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String ANY = org.springframework.http.MediaType.ALL_VALUE;
    private static final String TYPED_ENVELOPE = "#/components/schemas/Envelope";

    static {
        // Bodies arrive as JSON trees and streams as SSE: say so instead of describing the Java types.
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        com.fasterxml.jackson.databind.JsonNode.class, new ObjectSchema().description("A JSON object"))
                .replaceWithSchema(
                        org.springframework.web.servlet.mvc.method.annotation.SseEmitter.class,
                        new StringSchema().description("Server-sent events, one JSON object per `data:` line"));
    }

    @Bean
    OpenAPI voxifyOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Voxify API").version("v1").description("""
                        Text to speech with preset and cloned voices. Every answer is the envelope \
                        `{success, data, message, error, meta, timestamp}`; a refusal has `success: false` \
                        and names its reason in `error.code`:

                        """ + errorCodeTable()))
                .components(new Components()
                        .addSecuritySchemes(
                                ErrorResponses.BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description(
                                                "Access token from POST /api/v1/auth/login or /api/v1/auth/refresh")));
    }

    /**
     * The envelope schemas in general, which the description and every refusal
     * ({@link ErrorResponses}) refer to; each success names its own typed envelope
     * ({@code Envelope<JobResponse>} shows as {@code EnvelopeJobResponse}), as JSON. Added once the
     * paths are built, so springdoc's clean-up of unreferenced schemas does not drop them, and over
     * the ones springdoc derives from the records, to keep the list of error codes in {@code ApiError}.
     */
    @Bean
    OpenApiCustomizer envelopeSchemas() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSchemas("Envelope", envelope())
                    .addSchemas("ErrorEnvelope", errorEnvelope())
                    .addSchemas("ApiError", apiError())
                    .addSchemas("Pagination", pagination());
            if (openApi.getPaths() != null) {
                openApi.getPaths()
                        .values()
                        .forEach(item -> item.readOperations().forEach(ApiDocumentation::asJson));
            }
        };
    }

    /**
     * A handler that returns an envelope answers JSON, but names no media type (so springdoc says
     * {@code *}{@code /*}): say it is JSON. Answers that are audio or a stream keep theirs.
     */
    private static void asJson(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().forEach((status, response) -> {
            Content content = response.getContent();
            if (status.startsWith("2") && content != null && content.size() == 1 && content.containsKey(ANY)) {
                MediaType any = content.get(ANY);
                String ref = any.getSchema() == null ? null : any.getSchema().get$ref();
                if (ref != null && ref.startsWith(TYPED_ENVELOPE)) {
                    response.setContent(new Content().addMediaType(APPLICATION_JSON, any));
                }
            }
        });
    }

    @Bean
    ErrorResponses errorResponses(WebInvocationPrivilegeEvaluator privileges) {
        return new ErrorResponses(privileges);
    }

    /** Hands the codes an endpoint declares to {@link ErrorResponses}, which adds the ones derived from its kind. */
    @Bean
    OperationCustomizer declaredErrors() {
        return (operation, handler) -> {
            ApiErrors declared = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ApiErrors.class);
            if (declared != null) {
                operation.addExtension(
                        ErrorResponses.ERROR_CODES,
                        Arrays.stream(declared.value()).map(Enum::name).toList());
            }
            return operation;
        };
    }

    private static String errorCodeTable() {
        return "| HTTP status | error.code |\n|---|---|\n"
                + Arrays.stream(ErrorCode.values())
                        .collect(Collectors.groupingBy(
                                ErrorStatuses::of,
                                TreeMap::new,
                                Collectors.mapping(Enum::name, Collectors.joining(", "))))
                        .entrySet()
                        .stream()
                        .map(e -> "| " + e.getKey() + " | " + e.getValue() + " |")
                        .collect(Collectors.joining("\n"));
    }

    private static Schema<?> envelope() {
        return new ObjectSchema()
                .description("The one response shape of the API")
                .addProperty("success", new BooleanSchema())
                .addProperty(
                        "data", new Schema<>().nullable(true).description("The result: an object, a list, or null"))
                .addProperty("message", new StringSchema().nullable(true))
                .addProperty(
                        "error",
                        new Schema<>().$ref("#/components/schemas/ApiError").nullable(true))
                .addProperty(
                        "meta",
                        new ObjectSchema()
                                .nullable(true)
                                .description("Lists carry `pagination`")
                                .addProperty("pagination", new Schema<>().$ref("#/components/schemas/Pagination")))
                .addProperty("timestamp", new StringSchema().format("date-time"))
                .required(List.of("success", "data", "timestamp"));
    }

    private static Schema<?> errorEnvelope() {
        return new ObjectSchema()
                .description("A refusal: `success` is false and `error` says why")
                .addProperty("success", new BooleanSchema()._enum(List.of(false)))
                .addProperty("data", new Schema<>().nullable(true).description("Always null"))
                .addProperty("message", new StringSchema())
                .addProperty("error", new Schema<>().$ref("#/components/schemas/ApiError"))
                .addProperty("timestamp", new StringSchema().format("date-time"))
                .required(List.of("success", "error", "timestamp"));
    }

    private static Schema<?> apiError() {
        return new ObjectSchema()
                .addProperty(
                        "code",
                        new StringSchema()
                                ._enum(Arrays.stream(ErrorCode.values())
                                        .map(Enum::name)
                                        .toList()))
                .addProperty("message", new StringSchema())
                .addProperty(
                        "details",
                        new Schema<>()
                                .nullable(true)
                                .description("Field names and what is wrong with them, when a request is invalid"))
                .required(List.of("code", "message"));
    }

    private static Schema<?> pagination() {
        ObjectSchema schema = new ObjectSchema();
        for (String count : List.of("total_count", "limit", "offset", "page", "page_size", "total_pages")) {
            schema.addProperty(count, new IntegerSchema());
        }
        for (String flag : List.of("has_more", "has_next", "has_prev")) {
            schema.addProperty(flag, new BooleanSchema());
        }
        return schema;
    }
}
