package io.voxify.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * The one place where a request that broke its constraints becomes a refusal, in the shape
 * {@link RequestFields} gives the same mistake: {@code VALIDATION_ERROR} "Invalid fields: a, b" with one
 * message per field in {@code error.details} (unknown fields first, in the body's order, then the record's
 * fields in declaration order); or {@code MISSING_FIELDS} when a constraint says no more than that the field
 * "is required". Fields go by the names the client used.
 */
@Component
public class RequestViolations {
    static final String REQUIRED = "is required";

    private final Validator validator;

    public RequestViolations(Validator validator) {
        this.validator = validator;
    }

    /** A {@link RequestRecord} body with unknown fields or values of the wrong type, and whatever else is wrong. */
    public DomainException refusal(RequestFieldsRefused refused) {
        Map<String, String> errors = new LinkedHashMap<>(refused.unknown());
        Set<ConstraintViolation<Object>> violations = validator.validate(refused.partial());
        Map<String, String> constraints = byField(violations);
        Map<String, String> recordLevel = byField(
                violations.stream().filter(RequestViolations::isRecordLevel).toList());
        RequestRecords.Shape shape = RequestRecords.shape(refused.partial().getClass());
        for (RequestRecords.FieldShape field : shape.fields()) {
            String wrong = refused.wrongType().get(field.jsonName());
            String broken = recordLevel.getOrDefault(
                    field.jsonName(), wrong != null ? wrong : constraints.get(field.jsonName()));
            if (broken != null) {
                errors.put(field.jsonName(), broken);
            }
        }
        return refusal(errors);
    }

    /**
     * A body a handler reads itself, after checks of its own that come before the body's fields: read as
     * the HTTP converter reads the record ({@link RequestRecords}), then its constraints checked, each
     * mistake refused as {@code @Valid} would refuse it. A missing body is refused as {@link RequestFields#of}
     * refuses it.
     */
    public <T> T read(JsonNode body, Class<T> type) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new DomainException(ErrorCode.INVALID_JSON, RequestFields.NO_BODY);
        }
        Object record;
        try {
            record = RequestRecords.read(RequestRecords.shape(type), body, null);
        } catch (RequestFieldsRefused refused) {
            throw refusal(refused);
        }
        if (record == null) {
            throw new DomainException(ErrorCode.INVALID_JSON, RequestFields.NOT_AN_OBJECT);
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(record);
        if (!violations.isEmpty()) {
            throw refusal(byField(violations));
        }
        return type.cast(record);
    }

    /** {@code @Valid} on a request body found broken constraints. */
    public DomainException refusal(MethodArgumentNotValidException invalid) {
        Object target = invalid.getBindingResult().getTarget();
        List<ConstraintViolation<?>> violations = new ArrayList<>();
        Map<String, String> unexplained = new LinkedHashMap<>();
        for (FieldError error : invalid.getBindingResult().getFieldErrors()) {
            if (error.contains(ConstraintViolation.class)) {
                violations.add(error.unwrap(ConstraintViolation.class));
            } else {
                unexplained.putIfAbsent(
                        target == null
                                ? error.getField()
                                : RequestRecords.jsonName(target.getClass(), error.getField()),
                        error.getDefaultMessage());
            }
        }
        Map<String, String> errors = byField(violations);
        unexplained.forEach(errors::putIfAbsent);
        return refusal(errors);
    }

    /** Spring's own method validation found broken constraints on a handler's parameters. */
    public DomainException refusal(HandlerMethodValidationException invalid) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ParameterValidationResult result : invalid.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bean) {
                List<ConstraintViolation<?>> violations = new ArrayList<>();
                bean.getFieldErrors().stream()
                        .filter(e -> e.contains(ConstraintViolation.class))
                        .forEach(e -> violations.add(e.unwrap(ConstraintViolation.class)));
                byField(violations).forEach(errors::putIfAbsent);
            } else {
                MessageSourceResolvable first = result.getResolvableErrors().get(0);
                errors.putIfAbsent(parameterName(result.getMethodParameter()), first.getDefaultMessage());
            }
        }
        return refusal(errors);
    }

    /** Method validation of a {@code @Validated} bean found broken constraints. */
    public DomainException refusal(ConstraintViolationException invalid) {
        return refusal(byField(invalid.getConstraintViolations()));
    }

    private static DomainException refusal(Map<String, String> errors) {
        List<String> missing = new ArrayList<>();
        Map<String, String> others = new LinkedHashMap<>();
        errors.forEach((name, message) -> {
            if (REQUIRED.equals(message)) {
                missing.add(name);
            } else {
                others.put(name, message);
            }
        });
        DomainException refusal = RequestFields.refusal(missing, others, ErrorCode.VALIDATION_ERROR);
        return refusal != null
                ? refusal
                : new DomainException(ErrorCode.VALIDATION_ERROR, "Request validation failed", null);
    }

    /**
     * One message per field, the fields in the record's declaration order and each field's first declared
     * constraint speaking for it (a set of violations has no order of its own).
     */
    private static Map<String, String> byField(Collection<? extends ConstraintViolation<?>> violations) {
        List<ConstraintViolation<?>> ordered = new ArrayList<>(violations);
        ordered.sort(Comparator.<ConstraintViolation<?>>comparingInt(RequestViolations::fieldIndex)
                .thenComparingInt(RequestViolations::constraintRank)
                .thenComparing(v -> v.getPropertyPath().toString()));
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<?> violation : ordered) {
            errors.putIfAbsent(name(violation), violation.getMessage());
        }
        return errors;
    }

    private static String name(ConstraintViolation<?> violation) {
        String leaf = leaf(violation.getPropertyPath());
        Object bean = violation.getLeafBean();
        return bean == null ? leaf : RequestRecords.jsonName(bean.getClass(), leaf);
    }

    private static String leaf(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name == null ? "" : name;
    }

    private static int fieldIndex(ConstraintViolation<?> violation) {
        Object bean = violation.getLeafBean();
        return bean != null && RequestRecords.isRequestRecord(bean.getClass())
                ? RequestRecords.shape(bean.getClass()).indexOf(leaf(violation.getPropertyPath()))
                : 0;
    }

    /**
     * A rule over the whole record that names one of its fields (a field required only with another): it is
     * checked after the fields' own and, as a handler's later word on a field replaced its earlier one in
     * {@link RequestFields}, speaks for the field in their place.
     */
    private static boolean isRecordLevel(ConstraintViolation<?> violation) {
        return constraintRank(violation) < 0;
    }

    private static int constraintRank(ConstraintViolation<?> violation) {
        Object bean = violation.getLeafBean();
        if (bean == null || !RequestRecords.isRequestRecord(bean.getClass())) {
            return 0;
        }
        if (List.of(bean.getClass().getAnnotations())
                .contains(violation.getConstraintDescriptor().getAnnotation())) {
            return -1;
        }
        RequestRecords.Shape shape = RequestRecords.shape(bean.getClass());
        int index = shape.indexOf(leaf(violation.getPropertyPath()));
        return index < shape.fields().size()
                ? shape.fields()
                        .get(index)
                        .rank(violation.getConstraintDescriptor().getAnnotation())
                : 0;
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !(param.name() + param.value()).isEmpty()) {
            return param.name().isEmpty() ? param.value() : param.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !(path.name() + path.value()).isEmpty()) {
            return path.name().isEmpty() ? path.value() : path.name();
        }
        String name = parameter.getParameterName();
        return name == null ? "arg" + parameter.getParameterIndex() : name;
    }
}
