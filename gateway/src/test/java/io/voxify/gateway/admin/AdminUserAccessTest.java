package io.voxify.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdminUserAccessTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void aDisabledAccountLosesItsSessionsAtOnceAndCannotSignIn() {
        ApiClient anonymous = app.client();
        String email = "disable-" + UUID.randomUUID() + "@example.com";
        anonymous.post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
        JsonNode session = anonymous
                .post("/api/v1/auth/login", Map.of("email", email, "password", ApiClient.PASSWORD))
                .data();
        ApiClient user = anonymous.withToken(session.get("access_token").asText());
        String userId = user.userId();
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);

        assertThat(user.patch("/api/v1/admin/users/" + userId, Map.of("is_active", false))
                        .status())
                .isEqualTo(403);

        ApiClient.Response disabled = admin.patch("/api/v1/admin/users/" + userId, Map.of("is_active", false));
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(disabled.data().get("is_active").asBoolean()).isFalse();

        assertThat(user.get("/api/v1/auth/profile").status()).isEqualTo(401);
        ApiClient.Response login =
                anonymous.post("/api/v1/auth/login", Map.of("email", email, "password", ApiClient.PASSWORD));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.errorCode()).isEqualTo("ACCOUNT_DISABLED");
        assertThat(anonymous
                        .post("/api/v1/auth/login", Map.of("email", email, "password", "Wrong-Pass-1"))
                        .errorCode())
                .as("a wrong password reveals nothing about the account")
                .isEqualTo("INVALID_CREDENTIALS");
        assertThat(anonymous
                        .post(
                                "/api/v1/auth/refresh",
                                Map.of(
                                        "refresh_token",
                                        session.get("refresh_token").asText()))
                        .status())
                .isEqualTo(401);

        assertThat(admin.patch("/api/v1/admin/users/" + userId, Map.of("is_active", true))
                        .status())
                .isEqualTo(200);
        assertThat(anonymous
                        .login(email, ApiClient.PASSWORD)
                        .get("/api/v1/auth/profile")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aRoleChangeTakesEffectWithTheNextSignIn() {
        ApiClient user = app.client().newUser();
        String userId = user.userId();
        String email = user.get("/api/v1/auth/profile").data().get("email").asText();
        ApiClient admin = app.client().login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);

        ApiClient.Response promoted = admin.patch("/api/v1/admin/users/" + userId, Map.of("role", "admin"));
        assertThat(promoted.data().get("role").asText()).isEqualTo("admin");
        assertThat(user.get("/api/v1/auth/profile").status())
                .as("the old token named the old role")
                .isEqualTo(401);
        ApiClient promotedUser = app.client().login(email, ApiClient.PASSWORD);
        assertThat(promotedUser
                        .patch("/api/v1/admin/users/" + userId, Map.of("role", "user"))
                        .status())
                .as("no administrator demotes themselves")
                .isEqualTo(409);
        assertThat(admin.patch("/api/v1/admin/users/" + userId, Map.of("role", "emperor"))
                        .errorCode())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(admin.patch("/api/v1/admin/users/user_nobody", Map.of("is_active", false))
                        .status())
                .isEqualTo(404);
    }
}
