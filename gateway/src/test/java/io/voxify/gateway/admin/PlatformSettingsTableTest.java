package io.voxify.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.admin.PlatformSettingsSchema.Alias;
import io.voxify.gateway.admin.PlatformSettingsSchema.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's table of the platform settings is generated from their declaration: when a setting is added or
 * changed, this test fails and prints the table README must hold between its markers.
 */
class PlatformSettingsTableTest {
    static final Path README = Path.of("..", "README.md");
    static final String BEGIN = "<!-- platform-settings: generated from PlatformSettingsSchema by "
            + "PlatformSettingsTableTest; do not edit by hand -->";
    static final String END = "<!-- /platform-settings -->";

    @Test
    void readmesSettingsTableIsTheDeclarationsTable() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README holds the marker %s", BEGIN).isNotNegative();
        assertThat(end).as("README holds the marker %s", END).isGreaterThan(begin);
        String actual = readme.substring(begin + BEGIN.length(), end).strip();

        String expected = table();
        assertThat(actual)
                .as(
                        "README's platform settings table differs from PlatformSettingsSchema; "
                                + "put this between the markers:%n%n%s%n",
                        expected)
                .isEqualTo(expected);
    }

    static String table() {
        return "| setting | type | default | allowed | node property | meaning |\n"
                + "|---|---|---|---|---|---|\n"
                + PlatformSettingsSchema.SETTINGS.stream()
                        .map(PlatformSettingsTableTest::row)
                        .collect(Collectors.joining("\n"));
    }

    private static String row(Setting s) {
        return "| `" + s.name() + "` | " + s.type().wire() + " | `" + s.defaultValue() + "` | " + allowed(s) + " | "
                + properties(s) + " | " + s.description() + " |";
    }

    private static String allowed(Setting s) {
        return switch (s.type()) {
            case INTEGER ->
                s.min() + " to " + s.max() + (s.maxFrom() == null ? "" : " (at most `" + s.maxFrom() + "`)");
            case BOOLEAN -> "`true`, `false`";
            case STRING ->
                (s.allowed() == null ? "any text" : s.allowed().meaning()) + ", at most " + s.maxLength()
                        + " characters";
        };
    }

    private static String properties(Setting s) {
        StringBuilder text = new StringBuilder("`" + s.property() + "`");
        for (Alias alias : s.aliases()) {
            text.append(", or `")
                    .append(alias.property())
                    .append('`')
                    .append(alias.type() == Duration.class ? " (a duration)" : "");
        }
        return text.toString();
    }
}
