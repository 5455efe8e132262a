package io.voxify.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthApiTest {
    private final RunningApp app = RunningApp.shared();
    private final ApiClient anonymous = app.client();

    private static String freshEmail() {
        return "auth-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void registrationTrimsAndLowerCasesTheEmail() {
        String email = freshEmail();
        ApiClient.Response r = anonymous.post(
                "/api/v1/auth/register",
                Map.of("email", "  " + email.toUpperCase() + " ", "password", ApiClient.PASSWORD));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.data().get("email").asText()).isEqualTo(email);
        assertThat(r.data().get("role").asText()).isEqualTo("user");
        assertThat(r.data().get("id").asText()).startsWith("user_");
        assertThat(r.text()).doesNotContain("password");
    }

    @Test
    void missingFieldsAreNamed() {
        ApiClient.Response r = anonymous.post("/api/v1/auth/register", Map.of("first_name", "Ann"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("MISSING_FIELDS");
        assertThat(r.json().path("error").path("details").path("missing_fields").toString())
                .contains("email")
                .contains("password");
        assertThat(r.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void invalidEmailIsRefused() {
        for (String bad : new String[] {"not-an-email", "a@b", "two@@example.com", "x@example..com"}) {
            ApiClient.Response r =
                    anonymous.post("/api/v1/auth/register", Map.of("email", bad, "password", ApiClient.PASSWORD));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errorCode()).as(bad).isEqualTo("INVALID_EMAIL");
        }
    }

    @Test
    void weakPasswordsAreRefusedWithTheRulesTheyBreak() {
        Map<String, String> cases = Map.of(
                "Sh0rt!",
                "8 to 128",
                "alllowercase1!",
                "upper-case",
                "ALLUPPERCASE1!",
                "lower-case",
                "NoDigitsHere!",
                "digit",
                "NoSymbols123",
                "symbol",
                "Aa1!" + "x".repeat(125),
                "8 to 128");
        cases.forEach((password, rule) -> {
            ApiClient.Response r =
                    anonymous.post("/api/v1/auth/register", Map.of("email", freshEmail(), "password", password));
            assertThat(r.status()).as(password).isEqualTo(400);
            assertThat(r.errorCode()).as(password).isEqualTo("WEAK_PASSWORD");
            assertThat(r.json().path("error").path("details").toString())
                    .as(password)
                    .contains(rule);
        });
    }

    @Test
    void passwordsUpToTheLimitWorkWhateverTheirScript() {
        for (String password : new String[] {"Aa1!" + "x".repeat(124), "Ää1!" + "ö".repeat(100)}) {
            String email = freshEmail();
            ApiClient.Response r =
                    anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", password));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            anonymous.login(email, password);
            ApiClient.Response almost = anonymous.post(
                    "/api/v1/auth/login",
                    Map.of("email", email, "password", password.substring(0, password.length() - 1)));
            assertThat(almost.status())
                    .as("every character counts, past bcrypt's 72 bytes too")
                    .isEqualTo(401);
        }
    }

    @Test
    void anEmailBelongsToOneAccount() {
        String email = freshEmail();
        assertThat(anonymous
                        .post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD))
                        .status())
                .isEqualTo(201);
        ApiClient.Response again = anonymous.post(
                "/api/v1/auth/register", Map.of("email", " " + email.toUpperCase(), "password", ApiClient.PASSWORD));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("EMAIL_EXISTS");
    }

    @Test
    void loginAnswersTheSameForUnknownEmailAndWrongPassword() {
        String email = freshEmail();
        anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
        ApiClient.Response wrongPassword =
                anonymous.post("/api/v1/auth/login", Map.of("email", email, "password", "WrongPass123!"));
        ApiClient.Response unknown =
                anonymous.post("/api/v1/auth/login", Map.of("email", freshEmail(), "password", "WrongPass123!"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.errorCode()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown.errorCode()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrongPassword.json().path("error").path("message").asText())
                .isEqualTo(unknown.json().path("error").path("message").asText());
    }

    @Test
    void accessTokenOpensTheProfile() {
        String email = freshEmail();
        anonymous.post(
                "/api/v1/auth/register",
                Map.of("email", email, "password", ApiClient.PASSWORD, "first_name", "Ada", "last_name", "Lovelace"));
        ApiClient user = anonymous.login(email, ApiClient.PASSWORD);
        JsonNode profile = user.get("/api/v1/auth/profile").data();
        assertThat(profile.get("email").asText()).isEqualTo(email);
        assertThat(profile.get("first_name").asText()).isEqualTo("Ada");

        ApiClient.Response patched = user.patch("/api/v1/auth/profile", Map.of("first_name", "Augusta"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.data().get("first_name").asText()).isEqualTo("Augusta");
        assertThat(patched.data().get("last_name").asText()).isEqualTo("Lovelace");

        ApiClient.Response emailChange = user.patch("/api/v1/auth/profile", Map.of("email", "x@example.com"));
        assertThat(emailChange.status()).isEqualTo(400);
    }

    @Test
    void passwordChangeNeedsTheCurrentPassword() {
        String email = freshEmail();
        anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
        ApiClient user = anonymous.login(email, ApiClient.PASSWORD);
        ApiClient.Response wrong = user.patch(
                "/api/v1/auth/profile", Map.of("current_password", "Nope-12345!", "new_password", "BrandNew123!"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("INVALID_CREDENTIALS");
        ApiClient.Response weak = user.patch(
                "/api/v1/auth/profile", Map.of("current_password", ApiClient.PASSWORD, "new_password", "weak"));
        assertThat(weak.errorCode()).isEqualTo("WEAK_PASSWORD");
        ApiClient.Response ok = user.patch(
                "/api/v1/auth/profile", Map.of("current_password", ApiClient.PASSWORD, "new_password", "BrandNew123!"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(anonymous
                        .post("/api/v1/auth/login", Map.of("email", email, "password", ApiClient.PASSWORD))
                        .status())
                .isEqualTo(401);
        anonymous.login(email, "BrandNew123!");
    }

    @Test
    void refreshRotatesAndReuseRevokesTheFamily() {
        String email = freshEmail();
        anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
        JsonNode session = anonymous
                .post("/api/v1/auth/login", Map.of("email", email, "password", ApiClient.PASSWORD))
                .data();
        String first = session.get("refresh_token").asText();

        ApiClient.Response rotated = anonymous.post("/api/v1/auth/refresh", Map.of("refresh_token", first));
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.data().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(anonymous
                        .withToken(rotated.data().get("access_token").asText())
                        .get("/api/v1/auth/profile")
                        .status())
                .isEqualTo(200);

        ApiClient.Response reused = anonymous.post("/api/v1/auth/refresh", Map.of("refresh_token", first));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.errorCode()).isEqualTo("INVALID_TOKEN");
        // The reuse revoked the whole family: the legitimate successor is dead too.
        assertThat(anonymous
                        .post("/api/v1/auth/refresh", Map.of("refresh_token", second))
                        .status())
                .isEqualTo(401);
        assertThat(anonymous
                        .post("/api/v1/auth/refresh", Map.of("refresh_token", "rt_garbage"))
                        .errorCode())
                .isEqualTo("INVALID_TOKEN");
    }

    @Test
    void logoutEndsTheAccessAndRefreshTokens() {
        String email = freshEmail();
        anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
        JsonNode session = anonymous
                .post("/api/v1/auth/login", Map.of("email", email, "password", ApiClient.PASSWORD))
                .data();
        ApiClient user = anonymous.withToken(session.get("access_token").asText());
        assertThat(user.post(
                                "/api/v1/auth/logout",
                                Map.of(
                                        "refresh_token",
                                        session.get("refresh_token").asText()))
                        .status())
                .isEqualTo(200);
        ApiClient.Response after = user.get("/api/v1/auth/profile");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.errorCode()).isEqualTo("INVALID_TOKEN");
        assertThat(anonymous
                        .post(
                                "/api/v1/auth/refresh",
                                Map.of(
                                        "refresh_token",
                                        session.get("refresh_token").asText()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void missingAndForgedTokensAre401() {
        ApiClient.Response none = anonymous.get("/api/v1/job");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("success").asBoolean()).isFalse();
        ApiClient.Response forged = anonymous
                .withToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .get("/api/v1/job");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.errorCode()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void theConfiguredAdministratorExistsAndHasTheAdminRole() {
        ApiClient.Response login = anonymous.post(
                "/api/v1/auth/login", Map.of("email", RunningApp.ADMIN_EMAIL, "password", RunningApp.ADMIN_PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.data().get("user").get("role").asText()).isEqualTo("admin");
    }

    private JsonNode requestBody(JsonNode document, String path, String method) {
        String ref = document.at("/paths/" + path.replace("/", "~1") + "/" + method
                        + "/requestBody/content/application~1json/schema/$ref")
                .asText();
        return document.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
    }

    @Test
    void theApiDocumentNamesTheFieldsOfEveryAuthBody() {
        JsonNode document = app.client().get("/v3/api-docs").json();
        JsonNode register = requestBody(document, "/api/v1/auth/register", "post");
        assertThat(register.at("/properties").toString())
                .as(register.toString())
                .contains("\"email\"", "\"password\"", "\"first_name\"", "\"last_name\"");
        assertThat(register.at("/properties/first_name/maxLength").asInt()).isEqualTo(100);
        assertThat(register.at("/required").toString()).isEqualTo("[\"email\",\"password\"]");
        JsonNode login = requestBody(document, "/api/v1/auth/login", "post");
        assertThat(login.at("/properties/email/type").asText())
                .as(login.toString())
                .isEqualTo("string");
        assertThat(login.at("/required").toString()).isEqualTo("[\"email\",\"password\"]");
        JsonNode refresh = requestBody(document, "/api/v1/auth/refresh", "post");
        assertThat(refresh.at("/required").toString()).as(refresh.toString()).isEqualTo("[\"refresh_token\"]");
        JsonNode logout = requestBody(document, "/api/v1/auth/logout", "post");
        assertThat(logout.at("/properties/refresh_token/type").asText())
                .as(logout.toString())
                .isEqualTo("string");
        JsonNode profile = requestBody(document, "/api/v1/auth/profile", "patch");
        List<String> fields = new ArrayList<>();
        profile.at("/properties").fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .as("the read-only fields are refused, not offered")
                .containsExactly("first_name", "last_name", "current_password", "new_password");
    }

    private ApiClient.Response raw(ApiClient client, String method, String path, String body) {
        return client.raw(method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mistakesInAnAuthBodyAreToldFieldByFieldThroughTheHttpReader() {
        ApiClient.Response wrongTypes =
                raw(anonymous, "POST", "/api/v1/auth/login", "{\"email\":5,\"password\":\" \",\"remember\":1}");
        assertThat(wrongTypes.status()).isEqualTo(400);
        assertThat(wrongTypes.errorCode()).isEqualTo("MISSING_FIELDS");
        assertThat(wrongTypes.json().at("/error/details").toString())
                .isEqualTo(
                        "{\"missing_fields\":[\"password\"],\"password\":\"is required\",\"email\":\"must be a string\"}");
        ApiClient.Response notAnObject = raw(anonymous, "POST", "/api/v1/auth/refresh", "[\"rt\"]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.errorCode()).isEqualTo("INVALID_JSON");
        assertThat(notAnObject.json().at("/error/message").asText())
                .isEqualTo("The request body must be a JSON object");
        ApiClient.Response none = raw(anonymous, "POST", "/api/v1/auth/login", "");
        assertThat(none.errorCode()).isEqualTo("INVALID_JSON");
        assertThat(none.json().at("/error/message").asText()).isEqualTo("A JSON object body is required");

        ApiClient user = anonymous.newUser();
        // 100 emoji are 100 characters (200 UTF-16 units): a name of that length is taken.
        String emoji = "\uD83D\uDE00";
        ApiClient.Response named = user.patch("/api/v1/auth/profile", Map.of("first_name", emoji.repeat(100)));
        assertThat(named.status()).as(named.text()).isEqualTo(200);
        assertThat(named.data().get("first_name").asText()).isEqualTo(emoji.repeat(100));
        ApiClient.Response refused = raw(
                user,
                "PATCH",
                "/api/v1/auth/profile",
                "{\"first_name\":\"" + emoji.repeat(101) + "\",\"current_password\":7,"
                        + "\"new_password\":\"N3w-password!\",\"role\":\"admin\",\"nickname\":\"x\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(refused.json().at("/error/message").asText())
                .isEqualTo("Invalid fields: first_name, current_password, role");
        assertThat(refused.json().at("/error/details").toString())
                .isEqualTo("{\"first_name\":\"must be at most 100 characters\","
                        + "\"current_password\":\"is required to change the password\","
                        + "\"role\":\"cannot be changed here\"}");
        // The same rules when every value has its type (Bean Validation's own answer, not the reader's).
        ApiClient.Response noCurrent = user.patch("/api/v1/auth/profile", Map.of("new_password", "N3w-password!"));
        assertThat(noCurrent.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(noCurrent.json().at("/error/details").toString())
                .isEqualTo("{\"current_password\":\"is required to change the password\"}");
        ApiClient.Response empty = raw(anonymous, "POST", "/api/v1/auth/login", "{\"password\":\"\\u2003\"}");
        assertThat(empty.errorCode()).isEqualTo("MISSING_FIELDS");
        assertThat(empty.json().at("/error/message").asText()).isEqualTo("Missing required fields: email, password");
        assertThat(raw(user, "POST", "/api/v1/auth/logout", "{\"refresh_token\":5}")
                        .status())
                .as("signing out refuses no body")
                .isEqualTo(200);
    }
}
