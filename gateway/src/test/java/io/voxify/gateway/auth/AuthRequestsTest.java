package io.voxify.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.web.RequestFields;
import io.voxify.gateway.web.RequestViolations;
import jakarta.validation.Validation;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The auth bodies read as records refuse every mistake exactly as the hand-read handlers did: each of them,
 * as it read its body before the records, is the measure of the code, the message and every detail in order.
 * Lengths count code points (an emoji is one character), blank is {@link String#isBlank()}'s blank.
 */
class AuthRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMOJI = "\uD83D\uDE00";
    private final RequestViolations violations =
            new RequestViolations(Validation.buildDefaultValidatorFactory().getValidator());

    // --- how the handlers read their bodies before they were typed ---

    private static void register(RequestFields fields) {
        fields.requiredText("email");
        fields.requiredText("password");
        fields.text("first_name", 100);
        fields.text("last_name", 100);
    }

    private static void login(RequestFields fields) {
        fields.requiredText("email");
        fields.requiredText("password");
    }

    private static void refresh(RequestFields fields) {
        fields.requiredText("refresh_token");
    }

    private static void updateProfile(RequestFields fields) {
        fields.text("first_name", 100);
        fields.text("last_name", 100);
        String currentPassword = fields.text("current_password", 1024);
        String newPassword = fields.text("new_password", 1024);
        if (newPassword != null && currentPassword == null) {
            fields.error("current_password", "is required to change the password");
        }
        for (String readOnly : new String[] {"email", "role", "id", "user_id"}) {
            if (fields.has(readOnly)) {
                fields.error(readOnly, "cannot be changed here");
            }
        }
    }

    private static DomainException byHand(String body, Consumer<RequestFields> reading) throws Exception {
        JsonNode tree = body == null ? null : JSON.readTree(body);
        return catchThrowableOfType(
                () -> {
                    RequestFields fields = RequestFields.of(tree);
                    reading.accept(fields);
                    fields.validate(ErrorCode.VALIDATION_ERROR);
                },
                DomainException.class);
    }

    private DomainException typed(String body, Class<?> type) throws Exception {
        JsonNode tree = body == null ? null : JSON.readTree(body);
        return catchThrowableOfType(() -> violations.read(tree, type), DomainException.class);
    }

    private void assertSameAnswer(String body, Consumer<RequestFields> reading, Class<?> type) throws Exception {
        DomainException byHand = byHand(body, reading);
        DomainException typed = typed(body, type);
        if (byHand == null) {
            assertThat(typed).as(body).isNull();
            return;
        }
        assertThat(typed).as(body).isNotNull();
        assertThat(typed.code()).as(body).isEqualTo(byHand.code());
        assertThat(typed.getMessage()).as(body).isEqualTo(byHand.getMessage());
        assertThat(JSON.valueToTree(typed.details()).toString())
                .as(body)
                .isEqualTo(JSON.valueToTree(byHand.details()).toString());
    }

    private static String repeat(String s, int times) {
        return s.repeat(times);
    }

    /** Bodies no handler may take, or takes however odd: none of them an object, or no body at all. */
    private static final List<String> NOT_OBJECTS = List.of("[1]", "5", "\"x\"", "true", "null");

    @Test
    void aRegistrationIsRefusedAsTheHandReadOneWas() throws Exception {
        String name101 = "\"" + repeat(EMOJI, 101) + "\"";
        String name100 = "\"" + repeat(EMOJI, 100) + "\"";
        for (String body : List.of(
                "{}",
                "{\"first_name\":\"Ann\"}",
                "{\"email\":\"a@b.co\"}",
                "{\"email\":\" \",\"password\":\"\"}",
                "{\"email\":\"\\u2003\",\"password\":\"\\u3000\"}",
                "{\"email\":\"\\u0000\",\"password\":\"x\"}",
                "{\"email\":5,\"password\":true}",
                "{\"email\":5}",
                "{\"email\":null,\"password\":null}",
                "{\"email\":\"a@b.co\",\"password\":\"x\",\"first_name\":" + name101 + "}",
                "{\"email\":\"a@b.co\",\"password\":\"x\",\"first_name\":" + name100 + ",\"last_name\":" + name100
                        + "}",
                "{\"email\":\"a@b.co\",\"password\":\"x\",\"last_name\":[],\"first_name\":{}}",
                "{\"password\":\"x\",\"last_name\":" + name101 + ",\"first_name\":1}",
                "{\"email\":\"a@b.co\",\"password\":\"x\",\"anything\":[1,2],\"else\":null}")) {
            assertSameAnswer(body, AuthRequestsTest::register, RegisterRequest.class);
        }
        for (String body : NOT_OBJECTS) {
            assertSameAnswer(body, AuthRequestsTest::register, RegisterRequest.class);
        }
        assertSameAnswer(null, AuthRequestsTest::register, RegisterRequest.class);
    }

    @Test
    void aSignInAndARefreshAreRefusedAsTheHandReadOnesWere() throws Exception {
        for (String body : List.of(
                "{}",
                "{\"email\":\"a@b.co\"}",
                "{\"password\":\"x\"}",
                "{\"email\":\"\\u2003\",\"password\":\"\\u0000\"}",
                "{\"email\":1.5,\"password\":\"x\"}",
                "{\"email\":\"a@b.co\",\"password\":\"x\",\"remember_me\":true}",
                "{\"email\":\"a@b.co\",\"password\":" + "\"" + repeat("p", 5000) + "\"}")) {
            assertSameAnswer(body, AuthRequestsTest::login, LoginRequest.class);
        }
        for (String body : List.of(
                "{}",
                "{\"refresh_token\":\"\"}",
                "{\"refresh_token\":\"\\t\"}",
                "{\"refresh_token\":7}",
                "{\"refresh_token\":null,\"x\":1}",
                "{\"refresh_token\":\"rt_1\"}")) {
            assertSameAnswer(body, AuthRequestsTest::refresh, RefreshRequest.class);
        }
        for (String body : NOT_OBJECTS) {
            assertSameAnswer(body, AuthRequestsTest::login, LoginRequest.class);
            assertSameAnswer(body, AuthRequestsTest::refresh, RefreshRequest.class);
        }
    }

    @Test
    void aProfileChangeIsRefusedAsTheHandReadOneWas() throws Exception {
        String long1025 = "\"" + repeat(EMOJI, 1025) + "\"";
        String fits1024 = "\"" + repeat(EMOJI, 1024) + "\"";
        for (String body : List.of(
                "{}",
                "{\"first_name\":\" Ann \",\"last_name\":\"\"}",
                "{\"new_password\":\"Secret-123\"}",
                "{\"new_password\":\"Secret-123\",\"current_password\":5}",
                "{\"new_password\":\"Secret-123\",\"current_password\":" + long1025 + "}",
                "{\"new_password\":\"Secret-123\",\"current_password\":" + fits1024 + "}",
                "{\"new_password\":" + long1025 + "}",
                "{\"new_password\":7}",
                "{\"current_password\":\"x\"}",
                "{\"first_name\":" + "\"" + repeat(EMOJI, 101) + "\",\"new_password\":\"Secret-123\"}",
                "{\"user_id\":\"u\",\"id\":1,\"role\":\"admin\",\"email\":\"a@b.co\",\"first_name\":2}",
                "{\"email\":null,\"role\":null}",
                "{\"email\":{},\"new_password\":\"Secret-123\",\"nickname\":\"ignored\"}",
                "{\"last_name\":false,\"current_password\":[],\"new_password\":\"N3w-password\",\"id\":\"x\"}")) {
            assertSameAnswer(body, AuthRequestsTest::updateProfile, UpdateProfileRequest.class);
        }
        for (String body : NOT_OBJECTS) {
            assertSameAnswer(body, AuthRequestsTest::updateProfile, UpdateProfileRequest.class);
        }
    }

    @Test
    void aValidBodyIsReadAsItWasSent() throws Exception {
        assertThat(violations.read(
                        JSON.readTree("{\"email\":\" A@B.co\",\"password\":\"pw\",\"first_name\":\"" + EMOJI + "\"}"),
                        RegisterRequest.class))
                .isEqualTo(new RegisterRequest(" A@B.co", "pw", EMOJI, null));
        assertThat(violations.read(
                        JSON.readTree("{\"current_password\":\"old\",\"new_password\":\"new\",\"email\":null}"),
                        UpdateProfileRequest.class))
                .isEqualTo(new UpdateProfileRequest(null, null, "old", "new", null, null, null, null));
    }

    @Test
    void aSignOutBodyIsNeverRefusedAndKeepsOnlyATextualRefreshToken() throws Exception {
        ObjectMapper http = new ObjectMapper();
        // The HTTP converter reads LogoutRequest with the same reader; read() is that reader plus constraints.
        assertThat(violations.read(JSON.readTree("{\"refresh_token\":\"rt\",\"x\":1}"), LogoutRequest.class))
                .isEqualTo(new LogoutRequest("rt"));
        for (String body : List.of("{\"refresh_token\":5}", "{\"refresh_token\":null}", "{}", "{\"a\":[]}")) {
            assertThat(violations.read(http.readTree(body), LogoutRequest.class))
                    .as(body)
                    .isEqualTo(new LogoutRequest(null));
        }
    }
}
