package io.voxify.gateway.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.admin.PlatformConfigChangedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;

/** Configuration changes stored before the quotas and caps existed read with the node's defaults for them. */
class PlatformConfigChangedEventUpcasterTest {
    /** A PlatformConfigChangedEvent exactly as revision 1 was written to the event store. */
    private static final String REVISION_1_JSON = "{\"configId\":\"platform_config\",\"config\":{"
            + "\"requestsPerMinute\":60,\"synthesesPerDay\":500,\"uploadsPerDay\":50,\"maxUploadBytes\":10485760,"
            + "\"maxTextLength\":5000,\"defaultVoiceId\":\"default_voice_001\",\"registrationOpen\":false,"
            + "\"loginAttemptsPerAccount\":10,\"loginAttemptsPerAddress\":100,\"loginWindowSeconds\":900,"
            + "\"allowPrivateCallbacks\":false},\"changed\":[\"registrationOpen\"],"
            + "\"changedBy\":\"user_x48l7gxb3wwa2v3uglgi\"}";

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    /** Defaults unlike the shipped ones, so that what the event reads is seen to come from the node. */
    private final PlatformConfigChangedEventUpcaster upcaster =
            new PlatformConfigChangedEventUpcaster(new PlatformConfig(
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
                    201,
                    21,
                    11,
                    3,
                    5,
                    9,
                    4,
                    0));

    private static DomainEventData<byte[]> stored(String revision, String json) {
        return new GenericDomainEventEntry<>(
                "PlatformConfiguration",
                "platform_config",
                3,
                "event-1",
                Instant.parse("2026-01-02T03:04:05Z"),
                PlatformConfigChangedEvent.class.getName(),
                revision,
                json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private PlatformConfigChangedEvent read(DomainEventData<byte[]> event, EventUpcaster through) {
        List<? extends DomainEventMessage<?>> events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                        Stream.of(event), serializer, through)
                .asStream()
                .toList();
        assertThat(events).hasSize(1);
        return (PlatformConfigChangedEvent) events.get(0).getPayload();
    }

    @Test
    void aRevisionOneChangeKeepsItsSettingsAndGetsTheNodesDefaultsForTheNewOnes() {
        PlatformConfigChangedEvent event = read(stored("1", REVISION_1_JSON), upcaster);

        assertThat(event)
                .isEqualTo(new PlatformConfigChangedEvent(
                        "platform_config",
                        new PlatformConfig(
                                60,
                                500,
                                50,
                                10_485_760L,
                                5000,
                                "default_voice_001",
                                false,
                                10,
                                100,
                                900,
                                false,
                                201,
                                21,
                                11,
                                3,
                                5,
                                9,
                                4,
                                0),
                        List.of("registrationOpen"),
                        "user_x48l7gxb3wwa2v3uglgi"));
    }

    @Test
    void theUpcastEventIsRevisionTwo() {
        List<IntermediateEventRepresentation> upcast = upcaster.upcast(
                        Stream.of(new InitialEventRepresentation(stored("1", REVISION_1_JSON), serializer)))
                .toList();

        assertThat(upcast).singleElement().satisfies(e -> {
            assertThat(e.getType().getName()).isEqualTo(PlatformConfigChangedEvent.class.getName());
            assertThat(e.getType().getRevision()).isEqualTo("2");
        });
    }

    @Test
    void aRevisionTwoChangeKeepsItsOwnValuesEvenZero() {
        String revision2 = REVISION_1_JSON.replace(
                "\"allowPrivateCallbacks\":false",
                "\"allowPrivateCallbacks\":false,\"sampleProcessingsPerDay\":0,\"clonesPerDay\":7,"
                        + "\"trainingsPerDay\":0,\"maxWorkInFlightPerUser\":1,\"maxAudioStreamsPerUser\":2,"
                        + "\"maxEventStreamsPerUser\":3,\"maxSyncSpeechPerUser\":1");

        PlatformConfig config = read(stored("2", revision2), upcaster).config();

        assertThat(List.of(
                        config.sampleProcessingsPerDay(),
                        config.clonesPerDay(),
                        config.trainingsPerDay(),
                        config.maxWorkInFlightPerUser(),
                        config.maxAudioStreamsPerUser(),
                        config.maxEventStreamsPerUser(),
                        config.maxSyncSpeechPerUser()))
                .containsExactly(0, 7, 0, 1, 2, 3, 1);
    }

    @Test
    void withoutTheUpcasterARevisionOneChangeWouldAllowNothing() {
        PlatformConfig config =
                read(stored("1", REVISION_1_JSON), NoOpEventUpcaster.INSTANCE).config();

        assertThat(config.clonesPerDay()).isZero();
        assertThat(config.maxWorkInFlightPerUser()).isZero();
    }
}
