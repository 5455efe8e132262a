package io.voxify.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxify.events.admin.PlatformConfig;
import io.voxify.gateway.admin.PlatformSettingsSchema.Setting;
import io.voxify.inference.SpeechSynthesizer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.mock.env.MockEnvironment;

/** The node's defaults come from the one declaration, overridden by properties old and new. */
class PlatformDefaultsTest {

    private static PlatformDefaults defaults(Map<String, String> properties) {
        MockEnvironment environment = new MockEnvironment();
        // As a Spring Boot application's environment converts (durations such as PT15M included).
        environment.setConversionService(new ApplicationConversionService());
        properties.forEach(environment::setProperty);
        return new PlatformDefaults(environment);
    }

    @Test
    void theDeclarationNamesEveryComponentOfTheRecordInItsOrder() {
        assertThat(PlatformSettingsSchema.SETTINGS)
                .extracting(Setting::name)
                .containsExactlyElementsOf(Arrays.stream(PlatformConfig.class.getRecordComponents())
                        .map(c -> PlatformSettingsSchema.wireName(c.getName()))
                        .toList());
    }

    @Test
    void withoutPropertiesANodeUsesTheDeclaredDefaults() {
        // The values application.yml held before the declaration took them over.
        assertThat(defaults(Map.of()).config())
                .isEqualTo(new PlatformConfig(
                        100,
                        1000,
                        100,
                        52_428_800L,
                        10_000,
                        "default_voice_001",
                        true,
                        10,
                        100,
                        900,
                        false,
                        200,
                        20,
                        10,
                        2,
                        4,
                        8,
                        2,
                        0));
    }

    @Test
    void eachSettingsOwnPropertyOverridesItsDefault() {
        PlatformConfig config = defaults(Map.of(
                        "voxify.limits.requests-per-minute",
                        "7",
                        "voxify.limits.max-upload-bytes",
                        "4096",
                        "voxify.limits.default-voice-id",
                        "preset_gentle_female_001",
                        "voxify.limits.registration-open",
                        "false",
                        "voxify.limits.login-window-seconds",
                        "120",
                        "voxify.limits.allow-private-callbacks",
                        "true",
                        "voxify.limits.max-sync-speech-per-user",
                        "9"))
                .config();

        assertThat(config.requestsPerMinute()).isEqualTo(7);
        assertThat(config.maxUploadBytes()).isEqualTo(4096);
        assertThat(config.defaultVoiceId()).isEqualTo("preset_gentle_female_001");
        assertThat(config.registrationOpen()).isFalse();
        assertThat(config.loginWindowSeconds()).isEqualTo(120);
        assertThat(config.allowPrivateCallbacks()).isTrue();
        assertThat(config.maxSyncSpeechPerUser()).isEqualTo(9);
    }

    @Test
    void theOlderPropertyNamesStillSetTheirSettingsButTheSettingsOwnNameWins() {
        assertThat(defaults(Map.of("voxify.limits.login-window", "PT60S"))
                        .config()
                        .loginWindowSeconds())
                .isEqualTo(60);
        assertThat(defaults(Map.of("voxify.limits.login-window", "PT60S", "voxify.limits.login-window-seconds", "30"))
                        .config()
                        .loginWindowSeconds())
                .isEqualTo(30);
        assertThat(defaults(Map.of("voxify.webhooks.allow-private-callbacks", "true"))
                        .config()
                        .allowPrivateCallbacks())
                .isTrue();
        assertThat(defaults(Map.of("VOXIFY_WEBHOOK_ALLOW_PRIVATE_CALLBACKS", "true"))
                        .config()
                        .allowPrivateCallbacks())
                .isTrue();
        assertThat(defaults(Map.of(
                                "voxify.webhooks.allow-private-callbacks",
                                "true",
                                "voxify.limits.allow-private-callbacks",
                                "false"))
                        .config()
                        .allowPrivateCallbacks())
                .isFalse();
    }

    @Test
    void theUploadCeilingIsTheLargestUploadAndItsDefault() {
        PlatformDefaults node = defaults(Map.of("voxify.limits.upload-ceiling-bytes", "1000000"));
        Setting uploads = PlatformSettingsSchema.setting("max_upload_bytes");

        assertThat(node.config().maxUploadBytes()).isEqualTo(1_000_000L);
        assertThat(node.max(uploads)).isEqualTo(1_000_000L);
        assertThat(node.uploadCeilingBytes()).isEqualTo(1_000_000L);
        assertThatThrownBy(() -> defaults(Map.of(
                        "voxify.limits.upload-ceiling-bytes", "1000000", "voxify.limits.max-upload-bytes", "1000001")))
                .hasMessageContaining("max_upload_bytes can be at most 1000000");
    }

    @Test
    void maxTextLengthCanNeverExceedWhatTheEngineAccepts() {
        Setting text = PlatformSettingsSchema.setting("max_text_length");

        assertThat(text.max()).isEqualTo((long) SpeechSynthesizer.MAX_TEXT_CHARS);
        assertThat(defaults(Map.of()).max(text)).isEqualTo((long) SpeechSynthesizer.MAX_TEXT_CHARS);
        assertThatThrownBy(() -> defaults(
                        Map.of("voxify.limits.max-text-length", String.valueOf(SpeechSynthesizer.MAX_TEXT_CHARS + 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("voxify.limits.max-text-length is 10001")
                .hasMessageContaining("at most " + SpeechSynthesizer.MAX_TEXT_CHARS);
    }

    @Test
    void anAdministratorsBoundMayBeExceededByANodeDefaultAsBenchmarksDo() {
        // Benchmarks switch the request limit off this way; only the platform's own limits are enforced here.
        assertThat(defaults(Map.of("voxify.limits.requests-per-minute", "100000000"))
                        .config()
                        .requestsPerMinute())
                .isEqualTo(100_000_000);
    }
}
