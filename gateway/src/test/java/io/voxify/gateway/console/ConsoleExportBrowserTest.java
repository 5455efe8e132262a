package io.voxify.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.support.RunningApp;
import java.util.Map;
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
    private static RunningApp app;

    @BeforeAll
    static void start() {
        ConsoleScript.requireBrowser();
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
        String output = ConsoleScript.run("export", app.baseUrl());
        assertThat(output).contains("export flow passed");
        assertThat(ConsoleScript.SCREENSHOTS.resolve("export-downloaded.png")).exists();
        assertThat(ConsoleScript.SCREENSHOTS.resolve("export-refused.png")).exists();
    }
}
