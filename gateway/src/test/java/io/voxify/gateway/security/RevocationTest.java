package io.voxify.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;

/**
 * Every credential a session holds (its access tokens and its signed links to a job's audio and to
 * a sample's recording) ends with a password change, a sign-out, a role change or a disabled
 * account; the ones issued after still work. Over HTTP against the running application.
 */
class RevocationTest {
    private static final String NEW_PASSWORD = "Another-Pass-456!";
    private final RunningApp app = RunningApp.shared();
    private final ApiClient anonymous = app.client();

    /** A user with a finished job's audio file and an uploaded sample. */
    private record Account(String email, String userId, String fileId, String sampleId) {}

    /** One sign-in: its access token, its refresh token and the links it was given. */
    private record Session(ApiClient client, String refreshToken, String fileLink, String sampleLink) {}

    private Account account() {
        String email = "revoke-" + UUID.randomUUID() + "@example.com";
        assertThat(anonymous
                        .post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD))
                        .status())
                .isEqualTo(201);
        ApiClient user = anonymous.login(email, ApiClient.PASSWORD);
        String jobId = user.createJob(Map.of("text_content", "Links end with their session."))
                .get("id")
                .asText();
        String fileId = user.awaitJob(jobId, j -> j.get("status").asText().equals("completed"), Duration.ofSeconds(60))
                .get("file_id")
                .asText();
        ApiClient.Response sample = user.multipart(
                "/api/v1/voice/samples",
                Map.of("name", "revocation"),
                "r.wav",
                SampleUploadTest.humanRecording("sense_and_sensibility_01_austen_64kb-0870.wav"));
        assertThat(sample.status()).as(sample.text()).isEqualTo(201);
        return new Account(email, user.userId(), fileId, sample.data().get("id").asText());
    }

    private Session signIn(Account account, String password) {
        ApiClient.Response login =
                anonymous.post("/api/v1/auth/login", Map.of("email", account.email(), "password", password));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return session(account, login.data());
    }

    private Session session(Account account, JsonNode tokens) {
        ApiClient client = anonymous.withToken(tokens.get("access_token").asText());
        ApiClient.Response file = client.post("/api/v1/files/audio/" + account.fileId() + "/link", Map.of());
        assertThat(file.status()).as(file.text()).isEqualTo(200);
        ApiClient.Response sample =
                client.post("/api/v1/voice/samples/" + account.sampleId() + "/audio/link", Map.of());
        assertThat(sample.status()).as(sample.text()).isEqualTo(200);
        return new Session(
                client,
                tokens.get("refresh_token").asText(),
                file.data().get("url").asText(),
                sample.data().get("url").asText());
    }

    private void assertWorks(Session session, String what) {
        ApiClient.Response profile = session.client().get("/api/v1/auth/profile");
        assertThat(profile.status())
                .as(what + ": the access token, " + profile.text())
                .isEqualTo(200);
        assertThat(anonymous.get(session.fileLink()).status())
                .as(what + ": the file's link")
                .isEqualTo(200);
        assertThat(anonymous.get(session.sampleLink()).status())
                .as(what + ": the sample's link")
                .isEqualTo(200);
    }

    private void assertEnded(Session session, String what) {
        ApiClient.Response profile = session.client().get("/api/v1/auth/profile");
        assertThat(profile.status()).as(what + ": the access token").isEqualTo(401);
        assertThat(profile.errorCode()).isEqualTo("INVALID_TOKEN");
        ApiClient.Response file = anonymous.get(session.fileLink());
        assertThat(file.status()).as(what + ": the file's link").isEqualTo(404);
        assertThat(file.errorCode()).isEqualTo("FILE_NOT_FOUND");
        ApiClient.Response sample = anonymous.get(session.sampleLink());
        assertThat(sample.status()).as(what + ": the sample's link").isEqualTo(404);
        assertThat(sample.errorCode()).isEqualTo("SAMPLE_NOT_FOUND");
    }

    private ApiClient admin() {
        return anonymous.login(RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
    }

    @Test
    void aPasswordChangeEndsEverySessionsTokensAndLinks() {
        Account account = account();
        Session changing = signIn(account, ApiClient.PASSWORD);
        Session elsewhere = signIn(account, ApiClient.PASSWORD);
        assertWorks(changing, "before");

        ApiClient.Response changed = changing.client()
                .patch(
                        "/api/v1/auth/profile",
                        Map.of("current_password", ApiClient.PASSWORD, "new_password", NEW_PASSWORD));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);

        assertEnded(changing, "the session that changed the password");
        assertEnded(elsewhere, "another session");
        assertThat(anonymous
                        .post("/api/v1/auth/refresh", Map.of("refresh_token", elsewhere.refreshToken()))
                        .status())
                .isEqualTo(401);
        assertWorks(signIn(account, NEW_PASSWORD), "signed in with the new password");
    }

    @Test
    void aSignOutEndsThatSessionsTokensAndLinksAndNoOtherSession() {
        Account account = account();
        Session signingOut = signIn(account, ApiClient.PASSWORD);
        Session elsewhere = signIn(account, ApiClient.PASSWORD);
        ApiClient.Response refreshed =
                anonymous.post("/api/v1/auth/refresh", Map.of("refresh_token", signingOut.refreshToken()));
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        ApiClient later =
                anonymous.withToken(refreshed.data().get("access_token").asText());
        assertWorks(signingOut, "the first access token, still within its life");

        assertThat(later.post("/api/v1/auth/logout", Map.of()).status()).isEqualTo(200);

        assertEnded(signingOut, "the same sign-in's earlier access token and its links");
        assertThat(later.get("/api/v1/auth/profile").status())
                .as("the token that signed out")
                .isEqualTo(401);
        assertThat(anonymous
                        .post(
                                "/api/v1/auth/refresh",
                                Map.of(
                                        "refresh_token",
                                        refreshed.data().get("refresh_token").asText()))
                        .status())
                .as("the session's refresh token, though the sign-out did not send it")
                .isEqualTo(401);
        assertWorks(elsewhere, "the user's other session");
        assertWorks(signIn(account, ApiClient.PASSWORD), "a new sign-in");
    }

    @Test
    void aRoleChangeEndsTheTokensAndLinksAndARefreshAtOnceGetsTheNewRole() {
        Account account = account();
        Session before = signIn(account, ApiClient.PASSWORD);
        ApiClient admin = admin();
        // The read model of users is held back, as a lagging projection would be: the refresh must
        // learn the role from the account itself.
        EventProcessor users = app.bean(EventProcessingConfiguration.class)
                .eventProcessor("users")
                .orElseThrow();
        users.shutDown();
        ApiClient.Response refreshed;
        try {
            ApiClient.Response promoted =
                    admin.patch("/api/v1/admin/users/" + account.userId(), Map.of("role", "admin"));
            assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
            assertEnded(before, "after a role change");

            refreshed = anonymous.post("/api/v1/auth/refresh", Map.of("refresh_token", before.refreshToken()));
            assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
            assertThat(claims(refreshed.data().get("access_token").asText())
                            .get("role")
                            .asText())
                    .isEqualTo("admin");
            assertThat(refreshed.data().at("/user/role").asText()).isEqualTo("admin");
            ApiClient promotedUser =
                    anonymous.withToken(refreshed.data().get("access_token").asText());
            assertThat(promotedUser.get("/api/v1/admin/users?limit=1").status())
                    .as("the new role works")
                    .isEqualTo(200);
        } finally {
            users.start();
        }
        assertWorks(session(account, refreshed.data()), "the refreshed session's new links");
    }

    @Test
    void aDisabledAccountLosesEveryTokenAndLink() {
        Account account = account();
        Session before = signIn(account, ApiClient.PASSWORD);
        ApiClient admin = admin();

        assertThat(admin.patch("/api/v1/admin/users/" + account.userId(), Map.of("is_active", false))
                        .status())
                .isEqualTo(200);
        assertEnded(before, "a disabled account");
        assertThat(anonymous
                        .post("/api/v1/auth/refresh", Map.of("refresh_token", before.refreshToken()))
                        .status())
                .isEqualTo(401);

        assertThat(admin.patch("/api/v1/admin/users/" + account.userId(), Map.of("is_active", true))
                        .status())
                .isEqualTo(200);
        assertEnded(before, "re-enabled, the old session stays ended");
        assertWorks(signIn(account, ApiClient.PASSWORD), "a sign-in once enabled again");
    }

    private static JsonNode claims(String jwt) {
        try {
            return ApiClient.JSON.readTree(
                    new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
