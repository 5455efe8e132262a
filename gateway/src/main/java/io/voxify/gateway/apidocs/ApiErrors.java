package io.voxify.gateway.apidocs;

import io.voxify.events.common.ErrorCode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an endpoint gives because of what it does (a job that can no longer be updated,
 * an e-mail already registered), for the API document. Refusals every endpoint of its kind gives
 * (authentication, roles, validation, unknown ids, body size) are derived in
 * {@link ErrorResponses} and need not be listed here.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiErrors {
    ErrorCode[] value();
}
