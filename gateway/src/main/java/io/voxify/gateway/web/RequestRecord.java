package io.voxify.gateway.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record a JSON request body is read into, field by field as {@link RequestFields} reads a body: a field
 * the record does not name and a value of the wrong JSON type are each noted against the field rather
 * than ending the reading, so the client learns every mistake at once, together with those its Bean
 * Validation constraints find ({@link RequestViolations}). A value is never coerced: {@code "5"} is not a
 * number and {@code 4.0} is not a whole number.
 *
 * <p>Its components are {@code String}, {@code Boolean}, {@code Integer} or {@code Long} (a boxed type, so
 * that an absent field is {@code null} and a constraint can say it is required). A body that is not a JSON
 * object carries none of its fields and reads as no body at all, which the handler refuses as it refuses a
 * missing one, unless the record says {@link #objectRequired()}.
 *
 * <p>A {@code JsonNode} component takes any JSON value as it is (a field that must not be sent, for one).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RequestRecord {
    /** Whether a field the record does not name is refused ("is not a known field") or passed over. */
    boolean unknownFieldsRefused() default true;

    /** Whether a value of the wrong JSON type is refused or read as if the field were absent. */
    boolean wrongTypesRefused() default true;

    /**
     * Whether a body that is not a JSON object is refused with {@code INVALID_JSON}, as {@link RequestFields#of}
     * refuses it, rather than read as no body.
     */
    boolean objectRequired() default false;
}
