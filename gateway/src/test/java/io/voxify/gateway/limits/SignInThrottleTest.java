package io.voxify.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.ApiClient;
import io.voxify.gateway.support.RunningApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in throttling that an attacker cannot turn against the owner, over HTTP. The application
 * runs behind a pretend proxy (it trusts X-Forwarded-For from 127.0.0.1, as behind nginx), so each
 * request can come from an address of its own. At most 3 failures per account and address and 6
 * per address within a minute; an account past 3 failures paces attempts from new addresses at
 * 1 s, 2 s, 4 s, ... (at most 8 s apart), waiting at most 2 s for a slot.
 */
class SignInThrottleTest {
    private static final String LOGIN = "/api/v1/auth/login";
    private static final String WRONG = "Wrong-Pass-123";
    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.start(
                RunningApp.tempDir("voxify-signin-"),
                Map.of(
                        "server.forward-headers-strategy", "native",
                        "voxify.limits.login-attempts-per-account", 3,
                        "voxify.limits.login-attempts-per-address", 6,
                        "voxify.limits.login-window", "PT60S",
                        "voxify.security.login-throttle.first-delay", "PT1S",
                        "voxify.security.login-throttle.max-delay", "PT8S",
                        "voxify.security.login-throttle.max-wait", "PT2S"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static ApiClient.Response signIn(String email, String password, String address) {
        return app.client()
                .post(LOGIN, Map.of("email", email, "password", password), Map.of("X-Forwarded-For", address));
    }

    private static String register() {
        String email = "throttled-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response r =
                app.client().post("/api/v1/auth/register", Map.of("email", email, "password", ApiClient.PASSWORD));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return email;
    }

    @Test
    void theOwnerIsNotLockedOutByAnAttackerAtAnotherAddress() {
        String email = register();
        String home = "198.51.100.10";
        assertThat(signIn(email, ApiClient.PASSWORD, home).status()).isEqualTo(200);

        String attacker = "203.0.113.1";
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(email, WRONG, attacker).status()).isEqualTo(401);
        }
        ApiClient.Response refused = signIn(email, ApiClient.PASSWORD, attacker);
        assertThat(refused.status())
                .as("the attacker's address is refused for this account")
                .isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(refused.json().at("/error/details/scope").asText()).isEqualTo("account_and_address");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);

        ApiClient.Response atHome = signIn(email, ApiClient.PASSWORD, home);
        assertThat(atHome.status()).as("the owner at home: " + atHome.text()).isEqualTo(200);
        ApiClient.Response travelling = signIn(email, ApiClient.PASSWORD, "192.0.2.50");
        assertThat(travelling.status())
                .as("the owner at a new address: " + travelling.text())
                .isEqualTo(200);
    }

    @Test
    void anAttackSpreadOverManyAddressesIsSlowedDownProgressivelyAndNotTheOwnerAtHome() {
        String email = register();
        String home = "198.51.100.20";
        assertThat(signIn(email, ApiClient.PASSWORD, home).status()).isEqualTo(200);

        Attack known = attack(email, "203.0.113.", 7);
        ApiClient.Response paused = signIn(email, ApiClient.PASSWORD, "203.0.113.250");
        assertThat(paused.status())
                .as("the attack has the account paced: " + paused.text())
                .isEqualTo(429);
        ApiClient.Response atHome = signIn(email, ApiClient.PASSWORD, home);
        assertThat(atHome.status())
                .as("the owner at home is never paced: " + atHome.text())
                .isEqualTo(200);

        // Three failures are free, then each counted guess waits for a slot 1, 2, 4 s after the last.
        assertThat(known.checkedAtMillis()).hasSize(7);
        long paced = known.checkedAtMillis().get(6) - known.checkedAtMillis().get(3);
        assertThat(paced)
                .as("guesses 5 to 7 waited 1 + 2 + 4 s for their slots")
                .isGreaterThanOrEqualTo(6_000);
        assertThat(known.refusals())
                .as("a slot more than 2 s away is a 429, not a wait")
                .isNotEmpty();
        for (ApiClient.Response r : known.refusals()) {
            assertThat(r.errorCode()).isEqualTo("RATE_LIMITED");
            assertThat(r.json().at("/error/details/scope").asText()).isEqualTo("account");
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 8L);
        }

        Attack unknown = attack("nobody-" + UUID.randomUUID() + "@example.com", "203.0.114.", 7);
        assertThat(unknown.statuses())
                .as("an unknown e-mail is counted and paced exactly like an account")
                .isEqualTo(known.statuses());
    }

    @Test
    void oneAddressHammeringManyAccountsIsRefused() {
        String email = register();
        String hammer = "203.0.115.9";
        for (int i = 0; i < 6; i++) {
            assertThat(signIn("victim-" + i + "-" + UUID.randomUUID() + "@example.com", WRONG, hammer)
                            .status())
                    .isEqualTo(401);
        }
        ApiClient.Response refused = signIn(email, ApiClient.PASSWORD, hammer);
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.json().at("/error/details/scope").asText()).isEqualTo("address");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(signIn(email, ApiClient.PASSWORD, "203.0.115.10").status())
                .as("from elsewhere")
                .isEqualTo(200);
    }

    /** What an attacker saw: every answer's status in order, when each guess was answered, the 429s. */
    private record Attack(List<Integer> statuses, List<Long> checkedAtMillis, List<ApiClient.Response> refusals) {}

    /**
     * Wrong passwords from a new address each time until {@code guesses} were checked, honouring
     * Retry-After as a patient attacker would.
     */
    private static Attack attack(String email, String network, int guesses) {
        List<Integer> statuses = new ArrayList<>();
        List<Long> checked = new ArrayList<>();
        List<ApiClient.Response> refusals = new ArrayList<>();
        long start = System.nanoTime();
        int host = 1;
        while (checked.size() < guesses) {
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the attack goes on")
                    .isLessThan(Duration.ofSeconds(90));
            ApiClient.Response r = signIn(email, WRONG, network + host++);
            statuses.add(r.status());
            if (r.status() == 401) {
                checked.add((System.nanoTime() - start) / 1_000_000);
            } else {
                assertThat(r.status()).as(r.text()).isEqualTo(429);
                refusals.add(r);
                ApiClient.sleep(Long.parseLong(r.header("Retry-After")) * 1000);
            }
        }
        return new Attack(statuses, checked, refusals);
    }
}
