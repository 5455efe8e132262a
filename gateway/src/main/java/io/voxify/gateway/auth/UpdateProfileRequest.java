package io.voxify.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import io.voxify.gateway.web.MaxCodePoints;
import io.voxify.gateway.web.RequestRecord;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Null;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code PATCH /api/v1/auth/profile}: a new name, a new password (with the current one), or both. The
 * account's e-mail, role and id are named so that sending one is refused rather than silently ignored;
 * other fields are passed over, as they always were.
 */
@RequestRecord(unknownFieldsRefused = false, objectRequired = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@UpdateProfileRequest.CurrentPasswordToChangeIt
public record UpdateProfileRequest(
        @MaxCodePoints(AuthController.MAX_NAME) @Schema(maxLength = AuthController.MAX_NAME)
        String firstName,

        @MaxCodePoints(AuthController.MAX_NAME) @Schema(maxLength = AuthController.MAX_NAME)
        String lastName,

        @MaxCodePoints(MAX_PASSWORD_FIELD) @Schema(maxLength = MAX_PASSWORD_FIELD)
        String currentPassword,

        @MaxCodePoints(MAX_PASSWORD_FIELD) @Schema(maxLength = MAX_PASSWORD_FIELD)
        String newPassword,

        @Null(message = READ_ONLY) @Schema(hidden = true) JsonNode email,
        @Null(message = READ_ONLY) @Schema(hidden = true) JsonNode role,
        @Null(message = READ_ONLY) @Schema(hidden = true) JsonNode id,
        @Null(message = READ_ONLY) @Schema(hidden = true) JsonNode userId) {

    /** Longer than any password (Credentials.MAX_PASSWORD), so the strength check says what is wrong. */
    static final int MAX_PASSWORD_FIELD = 1024;

    static final String READ_ONLY = "cannot be changed here";

    /**
     * A new password needs the current one. A current password over its limit counts as not given, and a
     * new one over its limit as not asked for (its own limit speaks), as the hand-read handler judged them.
     */
    @Documented
    @Constraint(validatedBy = CurrentPasswordToChangeIt.Check.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface CurrentPasswordToChangeIt {
        String message() default "is required to change the password";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<CurrentPasswordToChangeIt, UpdateProfileRequest> {
            @Override
            public boolean isValid(UpdateProfileRequest request, ConstraintValidatorContext context) {
                if (request == null || !given(request.newPassword()) || given(request.currentPassword())) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("currentPassword")
                        .addConstraintViolation();
                return false;
            }

            private static boolean given(String password) {
                return password != null && password.codePointCount(0, password.length()) <= MAX_PASSWORD_FIELD;
            }
        }
    }
}
