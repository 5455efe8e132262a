package io.voxify.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One console flow in a real browser: a {@code console-e2e/<name>.mjs} script driving Debian's chromium headless
 * through playwright-core against a started application, its output kept in
 * {@code gateway/target/console-screenshots/<name>.log} beside its screenshots.
 */
final class ConsoleScript {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Path SCRIPT_DIR = Path.of("..", "console-e2e");
    private static final Path PLAYWRIGHT =
            SCRIPT_DIR.resolve(Path.of("node_modules", "playwright-core", "package.json"));
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private ConsoleScript() {}

    /** Fails at once, saying how to install it, when the browser or its driver is missing. */
    static void requireBrowser() {
        assertThat(PLAYWRIGHT)
                .as("playwright-core: run scripts/ensure-console-e2e.sh (scripts/ensure-packages.sh test does)")
                .exists();
        assertThat(CHROMIUM)
                .as("chromium: apt-get install chromium (scripts/ensure-packages.sh test does)")
                .exists();
    }

    /**
     * Runs {@code <name>.mjs} with the application's address, the screenshot directory and {@code more} as its
     * arguments; asserts it ended within three minutes with status 0 and answers its output.
     */
    static String run(String name, String baseUrl, String... more) throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOTS);
        Files.deleteIfExists(SCREENSHOTS.resolve("failed-" + name + ".png"));
        Path log = SCREENSHOTS.resolve("console-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(
                "node", name + ".mjs", baseUrl, SCREENSHOTS.toAbsolutePath().toString()));
        command.addAll(List.of(more));
        Process browser = new ProcessBuilder(command)
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
                .as("console-e2e/%s.mjs:%n%s", name, output)
                .isZero();
        return output;
    }
}
