package io.voxify.infrastructure.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The stored events' schema of personal data, pinned: which parts of which event are sealed. A new event or
 * field that names a person's data without {@code @PersonalData} fails here, as does an annotation removed.
 */
class PersonalFieldsTest {
    /** Component names that say "a person's data" wherever they appear in an event. */
    private static final Set<String> PERSONAL_NAMES = Set.of(
            "email",
            "firstname",
            "lastname",
            "passwordhash",
            "text",
            "texthash",
            "transcript",
            "description",
            "name",
            "originalfilename",
            "clientaddress",
            "callbackurl",
            "timestamps",
            "profile",
            "bestprofile",
            "measurements");

    private static final Map<String, List<String>> PINNED = new TreeMap<>(Map.ofEntries(
            Map.entry("clone.VoiceCloneCreatedEvent", List.of("name", "description")),
            Map.entry("clone.VoiceCloneReadyEvent", List.of("profile")),
            Map.entry("clone.VoiceCloneRefinedEvent", List.of("profile")),
            Map.entry("job.JobCompletedEvent", List.of("timestamps")),
            Map.entry("job.JobCreatedEvent", List.of("text", "textHash", "callbackUrl")),
            Map.entry("job.JobUpdatedEvent", List.of("text", "textHash", "callbackUrl")),
            Map.entry("sample.SampleProcessedEvent", List.of("measurements")),
            Map.entry("sample.SampleProcessingRequestedEvent", List.of("audio.originalFilename")),
            Map.entry("sample.SampleRejectedEvent", List.of("measurements")),
            Map.entry("sample.VoiceSampleDeletedEvent", List.of("audio.originalFilename")),
            Map.entry(
                    "sample.VoiceSampleUploadedEvent",
                    List.of("name", "description", "transcript", "audio.originalFilename")),
            Map.entry("training.TrainingCompletedEvent", List.of("bestProfile")),
            Map.entry("training.TrainingEpochCompletedEvent", List.of("profile")),
            Map.entry("user.UserLoggedInEvent", List.of("clientAddress")),
            Map.entry("user.UserLoginFailedEvent", List.of("clientAddress")),
            Map.entry("user.UserPasswordChangedEvent", List.of("passwordHash")),
            Map.entry("user.UserProfileUpdatedEvent", List.of("firstName", "lastName")),
            Map.entry("user.UserRegisteredEvent", List.of("email", "passwordHash", "firstName", "lastName")),
            Map.entry("webhook.WebhookAttemptedEvent", List.of("callbackUrl", "error")),
            Map.entry("webhook.WebhookDueEvent", List.of("callbackUrl"))));

    private static List<Class<?>> events() {
        List<Class<?>> events = new ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:io/voxify/events/*/*Event.class")) {
                String path = resource.getURL().toString();
                String name = path.substring(path.indexOf("io/voxify/events/"), path.length() - ".class".length())
                        .replace('/', '.');
                if (!name.contains("$")) {
                    events.add(Class.forName(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    @Test
    void everyStoredEventsPersonalPartsAreTheOnesPinnedHere() {
        Map<String, List<String>> found = new TreeMap<>();
        List<Class<?>> events = events();
        assertThat(events).hasSizeGreaterThan(40);
        for (Class<?> event : events) {
            List<String> paths = PersonalFields.of(event).paths();
            if (!paths.isEmpty()) {
                found.put(event.getName().substring("io.voxify.events.".length()), paths);
            }
        }
        assertThat(found).isEqualTo(PINNED);
    }

    @Test
    void noEventNamesAPersonsDataWithoutSealingIt() {
        List<String> unsealed = new ArrayList<>();
        for (Class<?> event : events()) {
            if (!event.isRecord() || event.getSimpleName().equals("AuditEvent")) {
                continue; // the audit API's view of a stored event, never stored itself
            }
            List<String> personal = PersonalFields.of(event).paths();
            for (RecordComponent component : event.getRecordComponents()) {
                String name = component.getName().toLowerCase(Locale.ROOT);
                boolean sealed = personal.stream()
                        .anyMatch(p -> p.equals(component.getName()) || p.startsWith(component.getName() + "."));
                if (PERSONAL_NAMES.contains(name) && !sealed) {
                    unsealed.add(event.getSimpleName() + "." + component.getName());
                }
            }
        }
        assertThat(unsealed).isEmpty();
    }

    @Test
    void everyPersonalFieldsEventNamesTheResourceWhoseKeySealsIt() {
        for (Class<?> event : events()) {
            PersonalFields.Schema schema = PersonalFields.of(event);
            schema.fields()
                    .forEach(field -> assertThat(PersonalFields.idComponents(event))
                            .as(event.getSimpleName() + "." + field.name())
                            .containsKey(field.scope()));
        }
    }

    @Test
    void theEventsThatEndAJobSampleOrCloneEraseItsKeyAndNameIt() {
        Map<String, String> erasing = new TreeMap<>();
        for (Class<?> event : events()) {
            io.voxify.events.privacy.ErasesKey erases = event.getAnnotation(io.voxify.events.privacy.ErasesKey.class);
            if (erases != null) {
                assertThat(java.util.Arrays.stream(event.getRecordComponents())
                                .map(java.lang.reflect.RecordComponent::getName))
                        .as(event.getSimpleName() + " names its resource")
                        .contains(erases.value().idComponent());
                erasing.put(event.getSimpleName(), erases.value().name());
            }
        }
        assertThat(erasing)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "JobDeletedEvent",
                        "JOB",
                        "VoiceSampleDeletedEvent",
                        "SAMPLE",
                        "VoiceCloneDeletedEvent",
                        "CLONE"));
    }
}
