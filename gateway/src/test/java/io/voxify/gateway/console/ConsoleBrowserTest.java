package io.voxify.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.RunningApp;
import io.voxify.gateway.voice.SampleUploadTest;
import java.io.IOException;
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
 * The web console in a real browser: Debian's chromium, driven headless by playwright-core
 * ({@code console-e2e/console.mjs}), against the started application. The script signs up, synthesises
 * with the progress bar to playback, seeking, highlighting and download, works the jobs list, the voice
 * library and the clone flow with an uploaded recording, visits the admin pages, and checks that a
 * refused token ends at the sign-in page, signs in as an auditor (the audit pages only), and checks that a
 * refused quiet refresh ends at the sign-in page; it fails on any browser console error. Screenshots of
 * each page, wide and narrow, are kept in {@code gateway/target/console-screenshots/}.
 */
class ConsoleBrowserTest {
    private static final Path SCRIPT_DIR = Path.of("..", "console-e2e");
    private static final Path PLAYWRIGHT =
            SCRIPT_DIR.resolve(Path.of("node_modules", "playwright-core", "package.json"));
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private static RunningApp app;

    @BeforeAll
    static void start() {
        assertThat(PLAYWRIGHT)
                .as("playwright-core: run scripts/ensure-console-e2e.sh (scripts/ensure-packages.sh test does)")
                .exists();
        assertThat(CHROMIUM)
                .as("chromium: apt-get install chromium (scripts/ensure-packages.sh test does)")
                .exists();
        // Access tokens of 30 s: the run outlasts several, so the console's quiet refresh is exercised.
        app = RunningApp.start(
                RunningApp.tempDir("voxify-console-"), Map.of("voxify.security.access-token-ttl", "PT30S"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theConsoleWorksInABrowserFromSignUpToPlaybackClonesAndAdministration() throws Exception {
        Path sample = SampleUploadTest.LIBRIVOX.resolve("sense_and_sensibility_01_austen_64kb-0870.wav");
        Files.createDirectories(SCREENSHOTS);
        // A failed earlier run's screenshots would pass for this run's.
        try (var old = Files.newDirectoryStream(SCREENSHOTS, "failed-*.png")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
        Path log = SCREENSHOTS.resolve("console-e2e.log");
        Process browser = new ProcessBuilder(List.of(
                        "node",
                        "console.mjs",
                        app.baseUrl(),
                        SCREENSHOTS.toAbsolutePath().toString(),
                        sample.toAbsolutePath().toString(),
                        RunningApp.ADMIN_EMAIL,
                        RunningApp.ADMIN_PASSWORD,
                        "--expect-refresh"))
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = browser.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            browser.destroyForcibly();
        }
        String output = read(log);
        assertThat(finished)
                .as("the browser run ended within %s:%n%s", TIMEOUT, output)
                .isTrue();
        assertThat(browser.exitValue())
                .as("console-e2e/console.mjs:%n%s", output)
                .isZero();
        assertThat(output).contains("all console flows passed");
        assertThat(SCREENSHOTS.resolve("03-synthesis-playing.png")).exists();
        assertThat(SCREENSHOTS.resolve("08-my-voice.png")).exists();
        for (String page : List.of(
                "public-sign-in",
                "user-synthesis",
                "user-jobs",
                "user-job",
                "user-voices",
                "user-my-voice",
                "admin-admin",
                "admin-audit",
                "auditor-audit",
                "auditor-job-history")) {
            assertThat(SCREENSHOTS.resolve("page-" + page + "-wide.png")).exists();
            assertThat(SCREENSHOTS.resolve("page-" + page + "-narrow.png")).exists();
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no output)";
    }
}
