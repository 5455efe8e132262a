package io.voxify.command.admin;

import io.voxify.events.admin.ChangePlatformConfigCommand;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.admin.PlatformConfigChangedEvent;
import io.voxify.events.common.DomainException;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformConfigurationTest {
    private static final String ID = PlatformConfiguration.ID;
    private static final PlatformConfig DEFAULTS = new PlatformConfig(
            100,
            1000,
            100,
            50L << 20,
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
            0);

    private FixtureConfiguration<PlatformConfiguration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PlatformConfiguration.class);
    }

    @Test
    void theFirstChangeRecordsEverySetting() {
        fixture.givenNoPriorActivity()
                .when(new ChangePlatformConfigCommand(ID, DEFAULTS, "user_admin"))
                .expectEvents(new PlatformConfigChangedEvent(
                        ID,
                        DEFAULTS,
                        List.of(
                                "requestsPerMinute",
                                "synthesesPerDay",
                                "uploadsPerDay",
                                "maxUploadBytes",
                                "maxTextLength",
                                "defaultVoiceId",
                                "registrationOpen",
                                "loginAttemptsPerAccount",
                                "loginAttemptsPerAddress",
                                "loginWindowSeconds",
                                "allowPrivateCallbacks",
                                "sampleProcessingsPerDay",
                                "clonesPerDay",
                                "trainingsPerDay",
                                "maxWorkInFlightPerUser",
                                "maxAudioStreamsPerUser",
                                "maxEventStreamsPerUser",
                                "maxSyncSpeechPerUser",
                                "jobRetentionDays"),
                        "user_admin"))
                .expectResultMessagePayload(DEFAULTS);
    }

    @Test
    void laterChangesNameOnlyWhatChanged() {
        PlatformConfig closed = new PlatformConfig(
                60,
                1000,
                100,
                50L << 20,
                5_000,
                "default_voice_001",
                false,
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
                0);
        fixture.given(new PlatformConfigChangedEvent(ID, DEFAULTS, List.of("requestsPerMinute"), "user_admin"))
                .when(new ChangePlatformConfigCommand(ID, closed, "user_other"))
                .expectEvents(new PlatformConfigChangedEvent(
                        ID, closed, List.of("requestsPerMinute", "maxTextLength", "registrationOpen"), "user_other"));
    }

    @Test
    void aChangeBuiltOnAnOlderVersionIsRefused() {
        PlatformConfig closed = new PlatformConfig(
                100,
                1000,
                100,
                50L << 20,
                10_000,
                "default_voice_001",
                false,
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
                0);
        fixture.given(
                        new PlatformConfigChangedEvent(ID, DEFAULTS, List.of("requestsPerMinute"), "user_admin"),
                        new PlatformConfigChangedEvent(ID, DEFAULTS, List.of("maxTextLength"), "user_other"))
                .when(new ChangePlatformConfigCommand(ID, closed, "user_admin", 1L))
                .expectNoEvents()
                .expectException(DomainException.class);
        fixture.given(new PlatformConfigChangedEvent(ID, DEFAULTS, List.of("requestsPerMinute"), "user_admin"))
                .when(new ChangePlatformConfigCommand(ID, closed, "user_admin", 1L))
                .expectEvents(new PlatformConfigChangedEvent(ID, closed, List.of("registrationOpen"), "user_admin"));
    }

    @Test
    void aChangeThatChangesNothingIsNotRecorded() {
        fixture.given(new PlatformConfigChangedEvent(ID, DEFAULTS, List.of("requestsPerMinute"), "user_admin"))
                .when(new ChangePlatformConfigCommand(ID, DEFAULTS, "user_admin"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }
}
