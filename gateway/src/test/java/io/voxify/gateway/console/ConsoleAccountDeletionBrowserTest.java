package io.voxify.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.RunningApp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting accounts from the console in a real browser: Debian's chromium, driven headless by playwright-core
 * ({@code console-e2e/delete-account.mjs}), against the started application. A person is told what goes and that it
 * cannot be undone; a wrong password shows the server's reason and changes nothing; the right one signs them out
 * with a notice, and they cannot sign in again. An administrator deletes another person from the users table (never
 * themselves there). Screenshots are kept in {@code gateway/target/console-screenshots/}.
 */
class ConsoleAccountDeletionBrowserTest {
    private static RunningApp app;

    @BeforeAll
    static void start() {
        ConsoleScript.requireBrowser();
        app = RunningApp.start(RunningApp.tempDir("voxify-console-delete-"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aPersonDeletesTheirAccountWithTheirPasswordAndAnAdministratorDeletesAnother() throws Exception {
        String output =
                ConsoleScript.run("delete-account", app.baseUrl(), RunningApp.ADMIN_EMAIL, RunningApp.ADMIN_PASSWORD);
        assertThat(output).contains("account deletion flow passed");
        assertThat(ConsoleScript.SCREENSHOTS.resolve("delete-wrong-password.png"))
                .exists();
        assertThat(ConsoleScript.SCREENSHOTS.resolve("delete-signed-out.png")).exists();
        assertThat(ConsoleScript.SCREENSHOTS.resolve("delete-admin-done.png")).exists();
    }
}
