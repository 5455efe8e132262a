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
 * The console's "Export my data" in a real browser: Debian's chromium, driven headless by playwright-core
 * ({@code console-e2e/export.mjs}), against the started application. The person's export downloads as the file the
 * server names and holds their profile and job; past the hourly limit the console says why and downloads nothing.
 * Screenshots are kept in {@code gateway/target/console-screenshots/}.
 */
class ConsoleExportBrowserTest {
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
        app = RunningApp.start(RunningApp.tempDir("voxify-console-export-"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aPersonDownloadsTheirDataFromTheConsoleAndIsToldWhenTheyMustWait() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.deleteIfExists(SCREENSHOTS.resolve("failed-export.png"));
        Path log = SCREENSHOTS.resolve("console-export.log");
        Process browser = new ProcessBuilder(List.of(
                        "node",
                        "export.mjs",
                        app.baseUrl(),
                        SCREENSHOTS.toAbsolutePath().toString()))
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
                .as("console-e2e/export.mjs:%n%s", output)
                .isZero();
        assertThat(output).contains("export flow passed");
        assertThat(SCREENSHOTS.resolve("export-downloaded.png")).exists();
        assertThat(SCREENSHOTS.resolve("export-refused.png")).exists();
    }
}
