package io.voxify.gateway.web;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.infrastructure.Outages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to the envelope. Domain refusals keep their code; framework refusals get
 * the matching 4xx; anything unexpected is a 500 that names nothing internal.
 */
@RestControllerAdvice
public class ApiErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final RequestViolations violations;

    public ApiErrorHandler(RequestViolations violations) {
        this.violations = violations;
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ErrorEnvelope> domain(DomainException e) {
        ResponseEntity<ErrorEnvelope> answer = Envelope.error(e.code(), e.getMessage(), e.details());
        if (e instanceof RefusalWithHeaders limited) {
            return ResponseEntity.status(answer.getStatusCode())
                    .headers(h -> {
                        h.addAll(answer.getHeaders());
                        limited.headers().forEach(h::set);
                    })
                    .body(answer.getBody());
        }
        return answer;
    }

    @ExceptionHandler({AggregateNotFoundException.class, AggregateDeletedException.class})
    ResponseEntity<ErrorEnvelope> missingAggregate(Exception e) {
        return Envelope.error(ErrorCode.NOT_FOUND, "Resource not found", null);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ErrorEnvelope> concurrency(ConcurrencyException e) {
        return Envelope.error(ErrorCode.CONFLICT, "The resource was changed at the same time; try again", null);
    }

    @ExceptionHandler({CommandExecutionException.class, CompletionException.class, ExecutionException.class})
    ResponseEntity<ErrorEnvelope> wrapped(Exception e, HttpServletRequest request) {
        Throwable cause = e.getCause();
        if (e instanceof CommandExecutionException cee
                && cee.getDetails().isPresent()
                && cee.getDetails().get() instanceof DomainException d) {
            return domain(d);
        }
        if (cause instanceof DomainException d) {
            return domain(d);
        }
        if (cause instanceof AggregateNotFoundException || cause instanceof AggregateDeletedException) {
            return missingAggregate((Exception) cause);
        }
        if (cause instanceof ConcurrencyException c) {
            return concurrency(c);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(JSR303ViolationException.class)
    ResponseEntity<ErrorEnvelope> violation(JSR303ViolationException e) {
        return Envelope.error(ErrorCode.VALIDATION_ERROR, "Request validation failed", null);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorEnvelope> invalidBody(MethodArgumentNotValidException e) {
        return domain(violations.refusal(e));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ErrorEnvelope> invalidParameters(HandlerMethodValidationException e) {
        return domain(violations.refusal(e));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ErrorEnvelope> invalidArguments(ConstraintViolationException e) {
        return domain(violations.refusal(e));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorEnvelope> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof DomainException d) {
                return domain(d);
            }
            if (t instanceof RequestFieldsRefused refused) {
                return domain(violations.refusal(refused));
            }
        }
        String reason = JsonBodyConstraints.reason(e);
        if (reason != null) {
            return Envelope.error(
                    ErrorCode.INVALID_JSON,
                    "The request body is not acceptable JSON: " + reason,
                    Map.of("reason", reason));
        }
        return Envelope.error(ErrorCode.INVALID_JSON, "The request body is not valid JSON", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ErrorEnvelope> body = Envelope.error(
                ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not allowed here",
                Map.of(
                        "allowed",
                        e.getSupportedHttpMethods() == null
                                ? List.of()
                                : e.getSupportedHttpMethods().stream()
                                        .map(Object::toString)
                                        .toList()));
        return ResponseEntity.status(body.getStatusCode())
                .headers(h -> {
                    h.putAll(body.getHeaders());
                    if (e.getSupportedHttpMethods() != null) {
                        h.setAllow(e.getSupportedHttpMethods());
                    }
                })
                .body(body.getBody());
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ErrorEnvelope> noRoute(Exception e) {
        return Envelope.error(ErrorCode.NOT_FOUND, "No such endpoint", null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> mediaType(HttpMediaTypeNotSupportedException e) {
        return Envelope.error(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + e.getContentType() + " is not supported here",
                null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorEnvelope> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Envelope.error(ErrorCode.NOT_ACCEPTABLE, "The requested representation is not available", null);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ErrorEnvelope> badParameter(Exception e) {
        String name = e instanceof MethodArgumentTypeMismatchException m
                ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return Envelope.error(
                ErrorCode.VALIDATION_ERROR, "Invalid parameter " + name, Map.of(name, "invalid or missing value"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ErrorEnvelope> tooLarge(MaxUploadSizeExceededException e) {
        return Envelope.error(ErrorCode.FILE_TOO_LARGE, "The upload is larger than allowed", null);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ErrorEnvelope> multipart(MultipartException e) {
        return Envelope.error(ErrorCode.BAD_REQUEST, "The multipart request could not be read", null);
    }

    /**
     * The security firewall checks parameter names and values only when they are first read, which
     * is in a controller, past the filter that answers its other refusals.
     */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<ErrorEnvelope> rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
        return Envelope.error(
                ErrorCode.BAD_REQUEST,
                "The request is not acceptable: a parameter name or value has characters that are not allowed",
                null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ErrorEnvelope> denied(AccessDeniedException e) {
        return Envelope.error(ErrorCode.FORBIDDEN, "You are not allowed to do this", null);
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("Client went away: {}", e.getMessage());
    }

    /**
     * A server the platform depends on (database, Redis, broker) cannot be reached: the request
     * may succeed in a moment, so the client is told to come back rather than that it failed.
     */
    private ResponseEntity<ErrorEnvelope> dependencyDown(Exception e, HttpServletRequest request) {
        log.warn("Dependency unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        ResponseEntity<ErrorEnvelope> answer = Envelope.error(
                ErrorCode.SERVICE_UNAVAILABLE, "The service is briefly unavailable; try again in a few seconds", null);
        return ResponseEntity.status(answer.getStatusCode())
                .header("Retry-After", "5")
                .body(answer.getBody());
    }

    /** Failures to reach a server answer 503, wherever they sit in the cause chain (queries and commands wrap them). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorEnvelope> unexpected(Exception e, HttpServletRequest request) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (Outages.isOutage(t)) {
                return dependencyDown(e, request);
            }
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return Envelope.error(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred", null);
    }
}
