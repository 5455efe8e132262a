package io.voxify.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.RunningApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    private static final Path SCRIPT_DIR = Path.of("..", "console-e2e");
    private static final Path PLAYWRIGHT =
            SCRIPT_DIR.resolve(Path.of("node_modules", "playwright-core", "package.json"));
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static RunningApp app;

    @BeforeAll
    static void start() {
        assertThat(PLAYWRIGHT)
                .as("playwright-core: run scripts/ensure-console-e2e.sh (scripts/ensure-packages.sh test does)")
                .exists();
        assertThat(CHROMIUM)
                .as("chromium: apt-get install chromium (scripts/ensure-packages.sh test does)")
                .exists();
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
        Files.createDirectories(SCREENSHOTS);
        Files.deleteIfExists(SCREENSHOTS.resolve("failed-delete-account.png"));
        Path log = SCREENSHOTS.resolve("console-delete-account.log");
        Process browser = new ProcessBuilder(List.of(
                        "node",
                        "delete-account.mjs",
                        app.baseUrl(),
                        SCREENSHOTS.toAbsolutePath().toString(),
                        RunningApp.ADMIN_EMAIL,
                        RunningApp.ADMIN_PASSWORD))
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = browser.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            browser.destroyForcibly();
        }
        String output = Files.exists(log) ? Files.readString(log) : "(no output)";
        assertThat(finished)
                .as("the browser run ended within %s:%n%s", TIMEOUT, output)
                .isTrue();
        assertThat(browser.exitValue())
                .as("console-e2e/delete-account.mjs:%n%s", output)
                .isZero();
        assertThat(output).contains("account deletion flow passed");
        assertThat(SCREENSHOTS.resolve("delete-wrong-password.png")).exists();
        assertThat(SCREENSHOTS.resolve("delete-signed-out.png")).exists();
        assertThat(SCREENSHOTS.resolve("delete-admin-done.png")).exists();
    }
}
