package io.voxify.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.beanvalidation.MethodValidationAdapter;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * A typed request refused for a mistake is refused exactly as the hand-read body was: {@link RequestFields},
 * reading the same body, is the measure of the code, the message and every detail in its order.
 */
class RequestViolationsTest {
    private static final String STARS = "must be a whole number between 1 and 5";

    @RequestRecord
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Review(
            @NotBlank(message = "is required") String voiceName,

            @NotNull(message = "is required: a whole number from 1 to 5")
            @Min(value = 1, message = STARS)
            @Max(value = 5, message = STARS)
            Integer stars,

            Boolean loud) {}

    static class Handler {
        void list(
                @RequestParam("sort_by") @Pattern(regexp = "name|stars", message = "must be one of [name, stars]")
                        String sortBy,
                Review review) {}
    }

    private final Validator validator =
            Validation.buildDefaultValidatorFactory().getValidator();
    private final RequestViolations violations = new RequestViolations(validator);
    private final ObjectMapper http = new ObjectMapper().registerModule(RequestRecords.module());

    /** What the hand-written reading of the same body answered. */
    private DomainException byHand(String body) throws Exception {
        RequestFields f = RequestFields.of(new ObjectMapper().readTree(body));
        f.rejectUnknown(List.of("voice_name", "stars", "loud"));
        f.requiredText("voice_name");
        f.integer("stars", 1, 5);
        if (!f.has("stars")) {
            f.error("stars", "is required: a whole number from 1 to 5");
        }
        f.bool("loud");
        return catchThrowableOfType(() -> f.validate(ErrorCode.VALIDATION_ERROR), DomainException.class);
    }

    private static void assertSameRefusal(DomainException typed, DomainException byHand) {
        assertThat(byHand).isNotNull();
        assertThat(typed.code()).isEqualTo(byHand.code());
        assertThat(typed.getMessage()).isEqualTo(byHand.getMessage());
        assertThat(new ObjectMapper().valueToTree(typed.details()).toString())
                .isEqualTo(new ObjectMapper().valueToTree(byHand.details()).toString());
    }

    private DomainException typed(String body) {
        try {
            Review review = http.readValue(body, Review.class);
            BeanPropertyBindingResult result = new BeanPropertyBindingResult(review, "review");
            new SpringValidatorAdapter(validator).validate(review, result);
            assertThat(result.hasErrors()).as(body).isTrue();
            Method list = Handler.class.getDeclaredMethod("list", String.class, Review.class);
            return violations.refusal(new MethodArgumentNotValidException(new MethodParameter(list, 1), result));
        } catch (RequestFieldsRefused refused) {
            return violations.refusal(refused);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyMistakeOfABodyIsToldAsTheHandReadBodyToldIt() throws Exception {
        for (String body : List.of(
                "{\"voice_name\":\"x\",\"stars\":9}",
                "{\"voice_name\":\"x\",\"stars\":4.0}",
                "{\"voice_name\":\"x\",\"stars\":\"5\"}",
                "{\"voice_name\":\"x\",\"stars\":99999999999999999999}",
                "{\"voice_name\":\"x\"}",
                "{\"voice_name\":\"x\",\"stars\":null}",
                "{\"voice_name\":\"x\",\"stars\":3,\"extra\":1,\"loud\":\"yes\"}",
                "{\"stars\":9,\"extra\":1,\"loud\":\"yes\",\"more\":[]}",
                "{\"voice_name\":\" \",\"stars\":2}",
                "{\"voice_name\":5,\"stars\":true}")) {
            assertSameRefusal(typed(body), byHand(body));
        }
    }

    @Test
    void aBodyThatIsNoObjectReadsAsNoBody() throws Exception {
        for (String body : List.of("[5]", "5", "\"stars\"", "null")) {
            assertThat(http.readValue(body, Review.class)).as(body).isNull();
        }
    }

    @Test
    void aValidBodyIsReadAsItIs() throws Exception {
        Review review = http.readValue("{\"voice_name\":\"x\",\"stars\":5,\"loud\":false}", Review.class);
        assertThat(review).isEqualTo(new Review("x", 5, false));
        assertThat(validator.validate(review)).isEmpty();
    }

    @Test
    void violationsFromMethodValidationAreToldTheSameWay() throws Exception {
        Review bad = new Review("x", 7, null);
        assertSameRefusal(
                violations.refusal(new ConstraintViolationException(validator.validate(bad))),
                byHand("{\"voice_name\":\"x\",\"stars\":7}"));

        Method list = Handler.class.getDeclaredMethod("list", String.class, Review.class);
        HandlerMethodValidationException invalid = new HandlerMethodValidationException(new MethodValidationAdapter(
                        validator)
                .validateArguments(
                        new Handler(), list, null, new Object[] {"rating", new Review("x", 3, null)}, new Class<?>[0]));
        DomainException refusal = violations.refusal(invalid);
        assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(refusal.getMessage()).isEqualTo("Invalid fields: sort_by");
        JsonNode details = new ObjectMapper().valueToTree(refusal.details());
        assertThat(details.toString()).isEqualTo("{\"sort_by\":\"must be one of [name, stars]\"}");
    }
}
