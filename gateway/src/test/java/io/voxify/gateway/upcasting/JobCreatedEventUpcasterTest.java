package io.voxify.gateway.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.SynthesisSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;

/** Stored events of an older shape read as the current one, the way the event store reads them. */
class JobCreatedEventUpcasterTest {
    /** A JobCreatedEvent exactly as revision 1 was written to the event store. */
    private static final String REVISION_1_JSON = "{\"jobId\":\"job_0k5obgaosig956a7hc9b\","
            + "\"userId\":\"user_x48l7gxb3wwa2v3uglgi\",\"text\":\"Hello there.\","
            + "\"textHash\":\"23ea498e82f4435b1c135324eedef4ba64061600897077bf76082a50b41a9c13\","
            + "\"textLanguage\":\"en-US\",\"voiceModelId\":\"default_voice_001\",\"settings\":{\"speed\":1.0,"
            + "\"pitch\":1.0,\"volume\":1.0,\"outputFormat\":\"wav\",\"sampleRate\":22050,\"emotion\":\"neutral\","
            + "\"includeTimestamps\":false,\"timestampGranularity\":\"word\",\"config\":{}}}";

    private static final SynthesisSettings SETTINGS =
            new SynthesisSettings(1.0, 1.0, 1.0, "wav", 22050, "neutral", false, "word", Map.of());

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final JobCreatedEventUpcaster upcaster = new JobCreatedEventUpcaster();

    private static DomainEventData<byte[]> stored(String revision, String json) {
        return new GenericDomainEventEntry<>(
                "SynthesisJob",
                "job_0k5obgaosig956a7hc9b",
                0,
                "event-1",
                Instant.parse("2026-01-02T03:04:05Z"),
                JobCreatedEvent.class.getName(),
                revision,
                json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private List<? extends DomainEventMessage<?>> read(DomainEventData<byte[]> event) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(event), serializer, upcaster)
                .asStream()
                .toList();
    }

    @Test
    void aRevisionOneJobWasPlainText() {
        List<? extends DomainEventMessage<?>> events = read(stored("1", REVISION_1_JSON));

        assertThat(events)
                .singleElement()
                .satisfies(e -> assertThat(e.getPayload())
                        .isEqualTo(new JobCreatedEvent(
                                "job_0k5obgaosig956a7hc9b",
                                "user_x48l7gxb3wwa2v3uglgi",
                                "Hello there.",
                                "23ea498e82f4435b1c135324eedef4ba64061600897077bf76082a50b41a9c13",
                                "en-US",
                                "plain",
                                "default_voice_001",
                                SETTINGS,
                                null)));
    }

    @Test
    void theUpcastEventIsRevisionTwo() {
        List<IntermediateEventRepresentation> upcast = upcaster.upcast(
                        Stream.of(new InitialEventRepresentation(stored("1", REVISION_1_JSON), serializer)))
                .toList();

        assertThat(upcast).singleElement().satisfies(e -> {
            assertThat(e.getType().getName()).isEqualTo(JobCreatedEvent.class.getName());
            assertThat(e.getType().getRevision()).isEqualTo("2");
        });
    }

    @Test
    void aRevisionTwoEventKeepsItsOwnFormat() {
        String revision2 = REVISION_1_JSON.replace("\"voiceModelId\"", "\"textFormat\":\"ssml\",\"voiceModelId\"");

        assertThat(read(stored("2", revision2)))
                .singleElement()
                .satisfies(e -> assertThat(((JobCreatedEvent) e.getPayload()).textFormat())
                        .isEqualTo("ssml"));
    }

    @Test
    void withoutTheUpcasterARevisionOneEventWouldHaveNoFormat() {
        List<? extends DomainEventMessage<?>> raw = EventStreamUtils.upcastAndDeserializeDomainEvents(
                        Stream.of(stored("1", REVISION_1_JSON)), serializer, NoOpEventUpcaster.INSTANCE)
                .asStream()
                .toList();

        assertThat(((JobCreatedEvent) raw.get(0).getPayload()).textFormat()).isNull();
    }
}
