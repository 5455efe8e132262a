package io.voxify.saga.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.job.JobContentExpiredEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.privacy.KeyScope;
import io.voxify.events.webhook.WebhookAbandonedEvent;
import io.voxify.events.webhook.WebhookAttemptedEvent;
import io.voxify.events.webhook.WebhookDeliveredEvent;
import io.voxify.events.webhook.WebhookDueEvent;
import io.voxify.infrastructure.privacy.KeyedSealedValues;
import io.voxify.infrastructure.privacy.MemoryPersonalKeys;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSagaTest {
    private static final String JOB_ID = "job-1";
    private static final String DELIVERY = "whd_job-1";
    private static final String URL = "https://hooks.example.com/voxify";
    private static final Duration GUARD = Duration.ofMinutes(2);
    private static final WebhookPolicy POLICY =
            new WebhookPolicy(List.of(Duration.ofSeconds(10)), Duration.ofHours(24), GUARD);

    private FixtureConfiguration fixture;
    private RecordingSender sender;
    private MemoryPersonalKeys keys;

    @BeforeEach
    void setUp() {
        SagaTestFixture<WebhookSaga> sagaFixture = new SagaTestFixture<>(WebhookSaga.class);
        sender = new RecordingSender();
        sagaFixture.registerResource(sender);
        sagaFixture.registerResource(POLICY);
        keys = new MemoryPersonalKeys();
        // The job's key exists from its creating event on, as the event store makes it.
        keys.obtain(KeyScope.JOB.keyId(JOB_ID), "user-1");
        sagaFixture.registerResource(new KeyedSealedValues(keys));
        fixture = sagaFixture;
    }

    static final class RecordingSender implements WebhookSender {
        final List<WebhookDelivery> accepted = new ArrayList<>();
        int refuseNext;

        @Override
        public boolean submit(WebhookDelivery delivery) {
            if (refuseNext > 0) {
                refuseNext--;
                return false;
            }
            accepted.add(delivery);
            return true;
        }
    }

    private static WebhookDueEvent due() {
        return new WebhookDueEvent(JOB_ID, "user-1", DELIVERY, WebhookDueEvent.JOB_COMPLETED, URL);
    }

    private static WebhookAttemptedEvent failed(int attempt, Instant next) {
        return new WebhookAttemptedEvent(JOB_ID, DELIVERY, attempt, URL, 500, null, 12, Instant.EPOCH, next);
    }

    private static Matcher<DeadlineMessage<?>> attemptOf(int attempt) {
        return predicate(d -> WebhookSaga.ATTEMPT_DEADLINE.equals(d.getDeadlineName())
                && Integer.valueOf(attempt).equals(d.getPayload()));
    }

    @Test
    void aDueWebhookIsHandedToTheSenderAtOnce() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(due())
                .expectActiveSagas(1)
                .expectAssociationWith("jobId", JOB_ID)
                .expectScheduledDeadlineWithName(GUARD, WebhookSaga.GUARD_DEADLINE)
                .expectNoDispatchedCommands();
        assertThat(sender.accepted).singleElement().satisfies(d -> {
            assertThat(d.attempt()).isEqualTo(1);
            assertThat(d.deliveryId()).isEqualTo(DELIVERY);
            assertThat(d.callbackUrl()).isEqualTo(URL);
            assertThat(d.event()).isEqualTo("job.completed");
            assertThat(d.dueAt()).isNotNull();
        });
    }

    @Test
    void aRedeliveredDueEventDoesNotSendTwice() {
        fixture.givenAPublished(due()).whenPublishingA(due()).expectActiveSagas(1);
        assertThat(sender.accepted).hasSize(1);
    }

    @Test
    void aFailedAttemptSchedulesTheNextAtTheTimeItNames() {
        Instant next = fixture.currentTime().plus(Duration.ofSeconds(30));
        fixture.givenAPublished(due())
                .whenPublishingA(failed(1, next))
                .expectScheduledDeadlineMatching(next, attemptOf(2));
    }

    @Test
    void theDeadlineSendsTheNextAttempt() {
        Instant next = fixture.currentTime().plus(Duration.ofSeconds(30));
        fixture.givenAPublished(due())
                .andThenAPublished(failed(1, next))
                .whenTimeElapses(Duration.ofSeconds(31))
                .expectTriggeredDeadlinesWithName(WebhookSaga.ATTEMPT_DEADLINE)
                .expectActiveSagas(1);
        assertThat(sender.accepted).extracting(WebhookDelivery::attempt).containsExactly(1, 2);
        assertThat(sender.accepted.get(1).dueAt())
                .isEqualTo(sender.accepted.get(0).dueAt());
    }

    @Test
    void aBusySenderIsAskedAgainLater() {
        sender.refuseNext = 1;
        fixture.givenNoPriorActivity()
                .whenPublishingA(due())
                .expectScheduledDeadlineMatching(WebhookSaga.SENDER_BUSY_DELAY, attemptOf(1));
        assertThat(sender.accepted).isEmpty();
    }

    @Test
    void anAttemptWithoutANextTrySchedulesNothing() {
        fixture.givenAPublished(due()).whenPublishingA(failed(1, null)).expectNoScheduledDeadlines();
    }

    @Test
    void deliveryEndsTheSaga() {
        fixture.givenAPublished(due())
                .andThenAPublished(failed(1, fixture.currentTime().plusSeconds(10)))
                .whenPublishingA(new WebhookDeliveredEvent(JOB_ID, DELIVERY, 2, 200, Instant.EPOCH))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void abandoningEndsTheSaga() {
        fixture.givenAPublished(due())
                .whenPublishingA(new WebhookAbandonedEvent(JOB_ID, DELIVERY, 1, "the receiver answered 410 Gone"))
                .expectActiveSagas(0);
    }

    @Test
    void deletingTheJobEndsTheSagaAndItsRetries() {
        fixture.givenAPublished(due())
                .andThenAPublished(failed(1, fixture.currentTime().plusSeconds(10)))
                .whenPublishingA(new JobDeletedEvent(JOB_ID, "user-1", null))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void retentionEndsTheSagaAndItsRetries() {
        fixture.givenAPublished(due())
                .andThenAPublished(failed(1, fixture.currentTime().plusSeconds(10)))
                .whenPublishingA(new JobContentExpiredEvent(JOB_ID, "user-1", 1, null, 12, 3))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aTryWhoseResultIsNeverRecordedIsMadeAgain() {
        fixture.givenAPublished(due())
                .whenTimeElapses(GUARD.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(WebhookSaga.GUARD_DEADLINE);
        assertThat(sender.accepted).extracting(WebhookDelivery::attempt).containsExactly(1, 1);
    }

    @Test
    void aRecordedTryIsNotMadeAgain() {
        fixture.givenAPublished(due())
                .andThenAPublished(failed(1, fixture.currentTime().plus(Duration.ofHours(1))))
                .whenTimeElapses(GUARD.plusSeconds(1))
                .expectNoScheduledDeadlineWithName(GUARD, WebhookSaga.GUARD_DEADLINE);
        assertThat(sender.accepted).extracting(WebhookDelivery::attempt).containsExactly(1);
    }

    @Test
    void aKeyDestroyedBeforeTheWebhookIsDueStartsNoDelivery() {
        keys.destroy(KeyScope.JOB.keyId(JOB_ID));
        fixture.givenNoPriorActivity()
                .whenPublishingA(due())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(sender.accepted).isEmpty();
    }

    @Test
    void aKeyDestroyedBetweenTriesEndsTheDeliveryWithoutSending() {
        Instant next = fixture.currentTime().plus(Duration.ofSeconds(30));
        var given = fixture.givenAPublished(due()).andThenAPublished(failed(1, next));
        keys.destroy(KeyScope.JOB.keyId(JOB_ID));
        given.whenTimeElapses(Duration.ofSeconds(31))
                .expectTriggeredDeadlinesWithName(WebhookSaga.ATTEMPT_DEADLINE)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(sender.accepted).extracting(WebhookDelivery::attempt).containsExactly(1);
    }

    @Test
    void theStoredStateHoldsTheUrlSealedAndTheTryGetsItPlain() {
        List<WebhookSaga> sagas = new ArrayList<>();
        fixture.registerResourceInjector(saga -> sagas.add((WebhookSaga) saga));
        Instant next = fixture.currentTime().plus(Duration.ofSeconds(30));
        fixture.givenAPublished(due()).andThenAPublished(failed(1, next)).whenTimeElapses(Duration.ofSeconds(31));

        String stored = storedForm(sagas.get(0));
        assertThat(stored)
                .doesNotContain(URL)
                .doesNotContain("hooks.example.com")
                .contains("sealedCallbackUrl");
        assertThat(sender.accepted).extracting(WebhookDelivery::callbackUrl).containsExactly(URL, URL);
        WebhookSaga restored = SAGA_STORE_SERIALIZER.deserialize(
                new SimpleSerializedObject<>(stored, String.class, WebhookSaga.class.getName(), null));
        assertThat(storedForm(restored)).isEqualTo(stored);
    }

    /**
     * A saga stored before the URL was sealed reads it from its old field: its next try still goes to the URL, and
     * from then on the state holds it sealed only.
     */
    @Test
    void aSagaStoredWithTheUrlInClearSealsItAtItsNextTry() throws ReflectiveOperationException {
        List<WebhookSaga> sagas = new ArrayList<>();
        fixture.registerResourceInjector(saga -> sagas.add((WebhookSaga) saga));
        var given = fixture.givenAPublished(due());
        WebhookSaga saga = sagas.get(0);
        setField(saga, "sealedCallbackUrl", null);
        setField(saga, "callbackUrl", URL);
        assertThat(storedForm(saga)).contains(URL);

        given.whenTimeElapses(GUARD.plusSeconds(1)).expectTriggeredDeadlinesWithName(WebhookSaga.GUARD_DEADLINE);

        assertThat(sender.accepted).extracting(WebhookDelivery::callbackUrl).containsExactly(URL, URL);
        assertThat(storedForm(saga)).doesNotContain(URL).contains("sealedCallbackUrl");
    }

    /** The saga store's serializer, as the application configures Axon's (Jackson, with java.time). */
    private static final JacksonSerializer SAGA_STORE_SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules())
            .build();

    private static String storedForm(WebhookSaga saga) {
        return SAGA_STORE_SERIALIZER.serialize(saga, String.class).getData();
    }

    private static void setField(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = WebhookSaga.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }
}
