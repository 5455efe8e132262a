package io.voxify.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import org.junit.jupiter.api.Test;

/** The console's files are public and carry a CSP; everything else keeps the API's rules and envelopes. */
class ConsoleServingTest {
    private final RunningApp app = RunningApp.shared();

    @Test
    void thePageAndItsModulesArePublicWithAContentSecurityPolicy() {
        ApiClient anonymous = app.client();
        ApiClient.Response page = anonymous.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("<script type=\"module\" src=\"/console/app.js\"></script>");
        assertThat(page.header("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(anonymous.get("/index.html").status()).isEqualTo(200);

        ApiClient.Response module = anonymous.get("/console/app.js");
        assertThat(module.status()).isEqualTo(200);
        assertThat(module.header("Content-Type")).startsWith("text/javascript");
        assertThat(module.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(module.header("X-RateLimit-Limit"))
                .as("console files are not rate-limited")
                .isNull();
    }

    @Test
    void theApiStaysProtectedAndAnswersInTheEnvelope() {
        ApiClient anonymous = app.client();
        ApiClient.Response api = anonymous.get("/api/v1/job");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(api.header("Content-Security-Policy")).isNull();

        ApiClient user = anonymous.newUser();
        ApiClient.Response missing = user.get("/api/v1/no-such-endpoint");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
        ApiClient.Response missingAsset = anonymous.get("/console/no-such-module.js");
        assertThat(missingAsset.status()).isEqualTo(404);
        assertThat(missingAsset.errorCode()).isEqualTo("NOT_FOUND");
        ApiClient.Response wrongMethod = user.raw("DELETE", "/api/v1/auth/profile", null, new byte[0]);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(anonymous.raw("POST", "/", "text/plain", new byte[0]).status())
                .as("only GET of the console is public")
                .isEqualTo(401);
    }
}
