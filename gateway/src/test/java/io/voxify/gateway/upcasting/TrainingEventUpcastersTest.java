package io.voxify.gateway.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.clone.VoiceCloneRefinedEvent;
import io.voxify.events.training.TrainingCompletedEvent;
import io.voxify.events.training.TrainingEpochCompletedEvent;
import io.voxify.events.training.TrainingJobCreatedEvent;
import io.voxify.events.training.TrainingSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** Events written before training from a sample read as what they meant then. */
class TrainingEventUpcastersTest {
    private static final String PROFILE_1 =
            "{\"baseVoiceId\":\"flite:rms\",\"pitchFactor\":1.1,\"pitchRangeFactor\":1.2,"
                    + "\"speedFactor\":0.9,\"formantScale\":1.025,\"breathiness\":0.15}";
    private static final String QUALITY_1 = "{\"targetF0MedianHz\":120.0,\"f0MedianHz\":121.0,\"f0RelativeError\":0.01,"
            + "\"embeddingSimilarity\":0.8,\"defaultF0RelativeError\":0.3,\"defaultEmbeddingSimilarity\":0.6,"
            + "\"qualityScore\":0.72,\"method\":\"fit\"}";
    private static final CloneProfile PROFILE = new CloneProfile("flite:rms", 1.1, 1.2, 0.9, 1.025, 0.15, null);
    private static final CloneQuality QUALITY = new CloneQuality(120.0, 121.0, 0.01, 0.8, 0.3, 0.6, 0.72, "fit");

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final TrainingEventUpcasters upcasters = new TrainingEventUpcasters();
    private final EventUpcasterChain chain = new EventUpcasterChain(
            upcasters.voiceCloneReadyEventUpcaster(),
            upcasters.voiceCloneRefinedEventUpcaster(),
            upcasters.trainingEpochCompletedEventUpcaster(),
            upcasters.trainingCompletedEventUpcaster(),
            upcasters.trainingJobCreatedEventUpcaster());

    private static DomainEventData<byte[]> stored(Class<?> type, String revision, String json) {
        return new GenericDomainEventEntry<>(
                "Aggregate",
                "aggregate-1",
                3,
                "event-1",
                Instant.parse("2026-01-02T03:04:05Z"),
                type.getName(),
                revision,
                json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private Object read(DomainEventData<byte[]> event) {
        List<? extends DomainEventMessage<?>> events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                        Stream.of(event), serializer, chain)
                .asStream()
                .toList();
        assertThat(events).hasSize(1);
        return events.get(0).getPayload();
    }

    @Test
    void aTrainingJobOfTheLastReleaseRefinedAnExistingCloneSpeakingItsBatchSizeInSentences() {
        String json = "{\"trainingJobId\":\"job_train_1\",\"userId\":\"user_1\",\"sampleId\":\"vs_1\","
                + "\"cloneId\":\"vc_1\",\"settings\":{\"epochs\":3,\"learningRate\":0.1,\"batchSize\":2,"
                + "\"timestampAlignment\":true},\"estimatedSeconds\":12.5}";

        assertThat(read(stored(TrainingJobCreatedEvent.class, "1", json)))
                .isEqualTo(new TrainingJobCreatedEvent(
                        "job_train_1",
                        "user_1",
                        "vs_1",
                        "vc_1",
                        new TrainingSettings(3, 0.1, 2, true),
                        12.5,
                        false,
                        2));
        assertThat(((TrainingJobCreatedEvent) read(stored(
                                TrainingJobCreatedEvent.class,
                                "2",
                                json.replace("12.5}", "12.5,\"buildsClone\":true,\"sentencesPerEpoch\":1}"))))
                        .sentencesPerEpoch())
                .as("a revision 2 event keeps its own")
                .isEqualTo(1);
    }

    @Test
    void aCompletedTrainingOfTheLastReleaseComparedNothingAndKeptTheEnginesPauses() {
        String json = "{\"trainingJobId\":\"job_train_1\",\"cloneId\":\"vc_1\",\"bestProfile\":" + PROFILE_1
                + ",\"bestLoss\":0.25,\"quality\":" + QUALITY_1 + ",\"processingTimeMs\":91000}";

        assertThat(read(stored(TrainingCompletedEvent.class, "1", json)))
                .isEqualTo(
                        new TrainingCompletedEvent("job_train_1", "vc_1", PROFILE, 0.25, QUALITY, 91_000, null, null));
    }

    @Test
    void profilesOfTheLastReleaseKeepTheEnginesPauses() {
        assertThat(read(stored(
                        VoiceCloneReadyEvent.class,
                        "1",
                        "{\"cloneId\":\"vc_1\",\"userId\":\"user_1\","
                                + "\"profile\":" + PROFILE_1 + ",\"quality\":" + QUALITY_1 + ",\"vectorId\":\"vc_1\","
                                + "\"processingTimeMs\":4200}")))
                .isEqualTo(new VoiceCloneReadyEvent("vc_1", "user_1", PROFILE, QUALITY, "vc_1", 4200));
        assertThat(read(stored(
                        VoiceCloneRefinedEvent.class,
                        "1",
                        "{\"cloneId\":\"vc_1\",\"trainingJobId\":" + "\"job_train_1\",\"profile\":" + PROFILE_1
                                + ",\"quality\":" + QUALITY_1 + "}")))
                .isEqualTo(new VoiceCloneRefinedEvent("vc_1", "job_train_1", PROFILE, QUALITY));
        assertThat(read(stored(
                        TrainingEpochCompletedEvent.class,
                        "1",
                        "{\"trainingJobId\":\"job_train_1\"," + "\"epoch\":2,\"epochs\":3,\"loss\":0.3,\"profile\":"
                                + PROFILE_1 + ",\"elapsedMs\":900}")))
                .isEqualTo(new TrainingEpochCompletedEvent("job_train_1", 2, 3, 0.3, PROFILE, 900));
    }

    @Test
    void everyUpcastEventIsRevisionTwo() {
        for (Class<?> type : List.of(
                VoiceCloneReadyEvent.class,
                VoiceCloneRefinedEvent.class,
                TrainingEpochCompletedEvent.class,
                TrainingCompletedEvent.class,
                TrainingJobCreatedEvent.class)) {
            List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(
                            new InitialEventRepresentation(stored(type, "1", "{\"settings\":{}}"), serializer)))
                    .toList();
            assertThat(upcast).singleElement().satisfies(e -> {
                assertThat(e.getType().getName()).isEqualTo(type.getName());
                assertThat(e.getType().getRevision()).isEqualTo("2");
            });
        }
    }
}
