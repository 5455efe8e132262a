package io.voxify.infrastructure.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.events.clone.CloneProfile;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.events.job.TimedText;
import io.voxify.events.privacy.Erasure;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.VoiceSampleUploadedEvent;
import io.voxify.events.training.TrainingEpochCompletedEvent;
import io.voxify.events.training.TrainingJobCreatedEvent;
import io.voxify.events.training.TrainingSettings;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserRegisteredEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;

/**
 * Events as the event store writes and reads them: personal values sealed in the stored bytes, plain to every
 * reader (the upcasters after the first included), erased once their key is destroyed, with the rest of the
 * event intact.
 */
class PersonalDataSerializerTest {
    private static final String TEXT = "Meet me at 14 Rue Cler at nine";
    private static final String CALLBACK = "https://hooks.example.com/voxify/alice";
    private static final String ADDRESS = "203.0.113.77";

    private final MemoryPersonalKeys keys = new MemoryPersonalKeys();
    private final PersonalDataCodec codec = new PersonalDataCodec(keys);
    private final PersonalDataSerializer serializer =
            new PersonalDataSerializer(JacksonSerializer.defaultSerializer(), codec);
    /** An upcaster after ours, as the gateway's are: it must see plain values. */
    private final List<String> textsUpcastersSaw = new java.util.ArrayList<>();

    private final EventUpcasterChain chain =
            new EventUpcasterChain(new PersonalDataUpcaster(codec), new SingleEventUpcaster() {
                @Override
                protected boolean canUpcast(IntermediateEventRepresentation event) {
                    return event.getType().getName().equals(JobCreatedEvent.class.getName());
                }

                @Override
                protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
                    return event.upcastPayload(event.getType(), JsonNode.class, payload -> {
                        textsUpcastersSaw.add(payload.path("text").asText());
                        return payload;
                    });
                }
            });

    private static JobCreatedEvent job() {
        return new JobCreatedEvent(
                "job_1",
                "user_a",
                TEXT,
                "sha256:abc",
                "en",
                JobCreatedEvent.PLAIN_TEXT,
                "preset_x",
                new SynthesisSettings(1.0, 1.0, 1.0, "wav", 22050, "neutral", false, "word", Map.of()),
                CALLBACK);
    }

    @Test
    void theStoredEventHoldsNoPersonalValueInClear() {
        Stored stored = store(job(), MetaData.with("userId", "user_a").and("clientAddress", ADDRESS));

        assertThat(stored.payloadText()).doesNotContain(TEXT, CALLBACK, "sha256:abc");
        assertThat(stored.metadataText()).doesNotContain(ADDRESS);
        assertThat(stored.payloadText())
                .as("what is not personal stays readable for the store's own queries")
                .contains("\"jobId\":\"job_1\"", "\"voiceModelId\":\"preset_x\"", "\"$key\":\"job:job_1\"");
        assertThat(keys.ownerOf("job:job_1"))
                .as("the job's key belongs to its user")
                .isEqualTo("user_a");
        assertThat(keys.ownerOf("user:user_a")).isEqualTo("user_a");
    }

    @Test
    void everyReaderSeesPlainValuesTheUpcastersFirst() {
        DomainEventMessage<?> read =
                read(store(job(), MetaData.with("userId", "user_a").and("clientAddress", ADDRESS)));

        assertThat(read.getPayload()).isEqualTo(job());
        assertThat(read.getMetaData()).containsEntry("clientAddress", ADDRESS).doesNotContainKey(Erasure.ERASED_FIELDS);
        assertThat(textsUpcastersSaw).containsExactly(TEXT);
    }

    @Test
    void destroyingTheJobsKeyErasesItsTextAloneAndSaysSo() {
        Stored stored = store(job(), MetaData.with("userId", "user_a").and("clientAddress", ADDRESS));
        keys.destroy("job:job_1");

        DomainEventMessage<?> read = read(stored);
        JobCreatedEvent erased = (JobCreatedEvent) read.getPayload();
        assertThat(erased.text()).isEqualTo(Erasure.ERASED);
        assertThat(erased.textHash()).isEqualTo(Erasure.ERASED);
        assertThat(erased.callbackUrl()).isEqualTo(Erasure.ERASED);
        assertThat(erased.jobId()).isEqualTo("job_1");
        assertThat(erased.settings()).isEqualTo(job().settings());
        assertThat(read.getMetaData())
                .as("the caller's own key still opens their address")
                .containsEntry("clientAddress", ADDRESS)
                .containsEntry(Erasure.ERASED_FIELDS, List.of("text", "textHash", "callbackUrl"));
        assertThat(read.getSequenceNumber()).isEqualTo(3);
    }

    @Test
    void anAccountsDeletionErasesEveryResourceItOwnedAndTheAddressesItCalledFrom() {
        Stored created = store(job(), MetaData.with("userId", "user_a").and("clientAddress", ADDRESS));
        Stored completed = store(
                new JobCompletedEvent(
                        "job_1", "user_a", 1, null, List.of(new TimedText("Meet", "word", 0, 0.3, 0, 4)), 10, 5),
                MetaData.emptyInstance());
        keys.destroyOwnedBy("user_a");

        DomainEventMessage<?> readCreated = read(created);
        assertThat(((JobCreatedEvent) readCreated.getPayload()).text()).isEqualTo(Erasure.ERASED);
        assertThat(readCreated.getMetaData()).containsEntry("clientAddress", Erasure.ERASED);
        assertThat(readCreated.getMetaData().get(Erasure.ERASED_FIELDS).toString())
                .contains("metadata.clientAddress", "text");
        assertThat(((JobCompletedEvent) read(completed).getPayload()).timestamps())
                .as("a list reads empty")
                .isEmpty();
    }

    @Test
    void aFileNameInsideTheAudioIsSealedWhileItsBlobKeyStaysForTheCleanUp() {
        SampleAudio audio = new SampleAudio("samples/s1.wav", "abc", "wav", 10, 1.5, 22050, 1, "alice-at-home.wav");
        VoiceSampleUploadedEvent uploaded =
                new VoiceSampleUploadedEvent("s1", "user_a", "My voice", "Kitchen", "en", "Hello there", audio);
        Stored stored = store(uploaded, MetaData.emptyInstance());
        assertThat(stored.payloadText()).doesNotContain("alice-at-home", "My voice", "Kitchen", "Hello there");
        assertThat(stored.payloadText()).contains("samples/s1.wav");
        assertThat(read(stored).getPayload()).isEqualTo(uploaded);

        keys.destroy("sample:s1");
        VoiceSampleUploadedEvent erased =
                (VoiceSampleUploadedEvent) read(stored).getPayload();
        assertThat(erased.audio().originalFilename()).isEqualTo(Erasure.ERASED);
        assertThat(erased.audio().blobKey()).isEqualTo("samples/s1.wav");
        assertThat(erased.transcript()).isEqualTo(Erasure.ERASED);
    }

    @Test
    void aCreatingEventMakesItsResourcesKeySoLaterEventsThatNameOnlyTheResourceAreErasedWithTheAccount() {
        store(
                new TrainingJobCreatedEvent(
                        "t1", "user_a", "s1", "c1", new TrainingSettings(10, 0.01, 8, false), 12.0, true, 4),
                MetaData.emptyInstance());
        CloneProfile profile = new CloneProfile("flite:slt", 1.1, 1.0, 1.0, 1.0, 0.0, 1.0);
        Stored epoch = store(new TrainingEpochCompletedEvent("t1", 1, 10, 0.5, profile, 100), MetaData.emptyInstance());
        assertThat(keys.ownerOf("training:t1")).isEqualTo("user_a");
        assertThat(epoch.payloadText()).doesNotContain("flite:slt");
        assertThat(((TrainingEpochCompletedEvent) read(epoch).getPayload()).profile())
                .isEqualTo(profile);

        keys.destroyOwnedBy("user_a");
        TrainingEpochCompletedEvent erased =
                (TrainingEpochCompletedEvent) read(epoch).getPayload();
        assertThat(erased.profile()).as("a record reads null").isNull();
        assertThat(erased.loss()).isEqualTo(0.5);
    }

    @Test
    void anEventStoredAfterItsResourceWasErasedIsStoredErased() {
        keys.obtain("user:user_a", "user_a");
        keys.destroyOwnedBy("user_a");
        Stored stored = store(
                new UserRegisteredEvent("user_a", "a@example.com", "$2a$hash", "Ada", "Lovelace", Role.USER),
                MetaData.emptyInstance());
        assertThat(stored.payloadText()).doesNotContain("a@example.com", "Ada").contains(Erasure.ERASED);
    }

    @Test
    void anAddressOfNobodyIsNotKeptAndAnAnonymousOnesIsSealedUnderTheEventsUser() {
        Stored nobody = store(job(), MetaData.with("clientAddress", ADDRESS));
        assertThat(read(nobody).getMetaData()).doesNotContainKey("clientAddress");

        Stored registration = store(
                new UserRegisteredEvent("user_b", "b@example.com", "$2a$hash", null, null, Role.USER),
                MetaData.with("clientAddress", ADDRESS).and(Erasure.DATA_SUBJECT, "user_b"));
        assertThat(registration.metadataText()).doesNotContain(ADDRESS).contains("user:user_b");
        assertThat(read(registration).getMetaData()).containsEntry("clientAddress", ADDRESS);
    }

    @Test
    void aSealedValueMovedToAnotherPlaceDoesNotOpen() throws Exception {
        Stored stored = store(job(), MetaData.emptyInstance());
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(stored.payload());
        tree.set("text", tree.get("callbackUrl"));
        Stored altered = new Stored(json.writeValueAsBytes(tree), stored.metadata(), stored.type(), stored.revision());

        assertThatThrownBy(() -> read(altered).getPayload())
                .hasStackTraceContaining("does not open with key job:job_1: the event was altered");
    }

    private record Stored(byte[] payload, byte[] metadata, String type, String revision) {
        /** The payload as stored, each ciphertext blanked out (see {@link StoredText}). */
        String payloadText() {
            return StoredText.outsideCiphertexts(new String(payload, StandardCharsets.UTF_8));
        }

        String metadataText() {
            return StoredText.outsideCiphertexts(new String(metadata, StandardCharsets.UTF_8));
        }
    }

    private Stored store(Object payload, MetaData metadata) {
        SerializedObject<byte[]> data = serializer.serialize(payload, byte[].class);
        SerializedObject<byte[]> meta = serializer.serialize(metadata, byte[].class);
        return new Stored(
                data.getData(),
                meta.getData(),
                data.getType().getName(),
                data.getType().getRevision());
    }

    private DomainEventMessage<?> read(Stored stored) {
        TrackedEventData<byte[]> entry = new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(1),
                new GenericDomainEventEntry<>(
                        "Aggregate",
                        "agg_1",
                        3,
                        "event_1",
                        java.time.Instant.EPOCH,
                        stored.type(),
                        stored.revision(),
                        stored.payload(),
                        stored.metadata()));
        return (DomainEventMessage<?>) EventUtils.upcastAndDeserializeTrackedEvents(Stream.of(entry), serializer, chain)
                .findFirst()
                .orElseThrow();
    }
}
