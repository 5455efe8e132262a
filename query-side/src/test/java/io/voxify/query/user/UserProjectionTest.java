package io.voxify.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserDisabledEvent;
import io.voxify.events.user.UserEnabledEvent;
import io.voxify.events.user.UserLoggedInEvent;
import io.voxify.events.user.UserProfileUpdatedEvent;
import io.voxify.events.user.UserRegisteredEvent;
import io.voxify.events.user.UserRoleChangedEvent;
import io.voxify.events.user.UserView;
import io.voxify.events.user.UserVoiceSelectedEvent;
import io.voxify.events.user.WebhookSecretRotatedEvent;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ReadModelTest
class UserProjectionTest {
    private static final String USER = "user_ann";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    private UserProjection projection;

    @Autowired
    private UserRepository users;

    @Autowired
    private Deliveries deliveries;

    @AfterEach
    void unsubscribe() {
        deliveries.unsubscribeAll();
    }

    private void deliver(long sequence, Object event) {
        deliveries.deliver(projection, USER, sequence, at(sequence), event);
    }

    private static Instant at(long sequence) {
        return T0.plusSeconds(sequence);
    }

    private UserView view() {
        return projection.handle(new FindUserQuery(USER)).orElseThrow();
    }

    private static UserRegisteredEvent registered() {
        return new UserRegisteredEvent(USER, "ann@example.com", "{bcrypt}hash", "Ann", "Lee", Role.USER);
    }

    /** A job created by the user: an event of the job's own aggregate. */
    private void jobCreated(String jobId, Instant at) {
        deliveries.deliver(
                projection,
                jobId,
                0,
                at,
                new JobCreatedEvent(jobId, USER, "Hello.", "h", "en", "plain", "default_voice_001", null, null));
    }

    @Test
    void aRegisteredUserIsEnabledWithTheRoleGiven() {
        deliver(0, registered());

        UserView view = view();
        assertThat(view.email()).isEqualTo("ann@example.com");
        assertThat(view.firstName()).isEqualTo("Ann");
        assertThat(view.lastName()).isEqualTo("Lee");
        assertThat(view.role()).isEqualTo(Role.USER);
        assertThat(view.enabled()).isTrue();
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.updatedAt()).isEqualTo(T0);
        assertThat(view.lastLoginAt()).isNull();
        assertThat(view.selectedVoiceId()).isNull();
        assertThat(view.webhookSecretGeneration()).as("no secret rotated yet").isZero();
        assertThat(view.webhookSecretRotatedAt()).isNull();
    }

    @Test
    void aProfileUpdateChangesOnlyTheNamesItCarries() {
        deliver(0, registered());
        deliver(1, new UserProfileUpdatedEvent(USER, "Anne", null));
        assertThat(view().firstName()).isEqualTo("Anne");
        assertThat(view().lastName()).isEqualTo("Lee");

        deliver(2, new UserProfileUpdatedEvent(USER, null, "Leigh"));
        assertThat(view().firstName()).isEqualTo("Anne");
        assertThat(view().lastName()).isEqualTo("Leigh");
        assertThat(view().updatedAt()).isEqualTo(at(2));
    }

    @Test
    void accessRoleVoiceAndWebhookSecretChanges() {
        deliver(0, registered());
        deliver(1, new UserDisabledEvent(USER, "admin_1"));
        assertThat(view().enabled()).isFalse();
        deliver(2, new UserEnabledEvent(USER, "admin_1"));
        assertThat(view().enabled()).isTrue();
        deliver(3, new UserRoleChangedEvent(USER, Role.AUDITOR, "admin_1"));
        assertThat(view().role()).isEqualTo(Role.AUDITOR);
        deliver(4, new UserVoiceSelectedEvent(USER, "preset_gentle_female_001"));
        assertThat(view().selectedVoiceId()).isEqualTo("preset_gentle_female_001");
        deliver(5, new WebhookSecretRotatedEvent(USER, 2));
        assertThat(view().webhookSecretGeneration()).isEqualTo(2);
        assertThat(view().webhookSecretRotatedAt()).isEqualTo(at(5));
        assertThat(view().updatedAt()).isEqualTo(at(5));
    }

    @Test
    void aSignInIsTheLastLoginAndActivity() {
        deliver(0, registered());
        deliver(1, new UserLoggedInEvent(USER, "127.0.0.1"));

        assertThat(view().lastLoginAt()).isEqualTo(at(1));
        assertThat(view().updatedAt()).isEqualTo(at(1));
        assertThat(users.findById(USER).orElseThrow().lastActiveAt).isEqualTo(at(1).toEpochMilli());
    }

    @Test
    void creatingAJobIsActivityThatChangesNeitherTheProfileNorItsSubscribers() {
        deliver(0, registered());
        UserView before = view();
        Deliveries.Subscriber<UserView> subscriber = deliveries.subscribe(new FindUserQuery(USER), UserView.class);

        jobCreated("job_1", T0.plusSeconds(60));

        assertThat(users.findById(USER).orElseThrow().lastActiveAt)
                .isEqualTo(T0.plusSeconds(60).toEpochMilli());
        assertThat(view()).isEqualTo(before);
        assertThat(subscriber.updates()).isEmpty();
    }

    @Test
    void activityNeverGoesBackWhenAnOlderEventArrivesAgain() {
        deliver(0, registered());
        jobCreated("job_2", T0.plusSeconds(120));
        jobCreated("job_1", T0.plusSeconds(60));
        deliver(1, new UserLoggedInEvent(USER, "127.0.0.1"));

        assertThat(users.findById(USER).orElseThrow().lastActiveAt)
                .isEqualTo(T0.plusSeconds(120).toEpochMilli());
        assertThat(view().updatedAt())
                .as("the profile's update time does not go back either")
                .isEqualTo(at(1));
    }

    @Test
    void theLatestEventHandledAgainChangesNothing() {
        deliver(0, registered());
        deliver(0, registered());
        UserView registeredView = view();
        assertThat(registeredView.enabled()).isTrue();
        assertThat(registeredView.createdAt()).isEqualTo(T0);

        deliver(1, new UserRoleChangedEvent(USER, Role.ADMIN, "admin_1"));
        UserView before = view();
        deliver(1, new UserRoleChangedEvent(USER, Role.ADMIN, "admin_1"));
        assertThat(view()).isEqualTo(before);
    }

    @Test
    void aRegistrationHandledAgainAfterLaterChangesLeavesTheUserAsTheyAre() {
        deliver(0, registered());
        deliver(1, new UserProfileUpdatedEvent(USER, "Anne", "Leigh"));
        deliver(2, new UserRoleChangedEvent(USER, Role.AUDITOR, "admin_1"));
        deliver(3, new UserDisabledEvent(USER, "admin_1"));
        UserView before = view();
        Deliveries.Subscriber<UserView> subscriber = deliveries.subscribe(new FindUserQuery(USER), UserView.class);

        deliver(0, registered());

        assertThat(view()).as("still disabled, with the names and role it had").isEqualTo(before);
        assertThat(subscriber.updates()).isEmpty();
    }

    @Test
    void olderAccessChangesAndSignInsHandledAgainMoveNothingBack() {
        deliver(0, registered());
        deliver(1, new UserLoggedInEvent(USER, "127.0.0.1"));
        deliver(2, new UserDisabledEvent(USER, "admin_1"));
        deliver(3, new UserEnabledEvent(USER, "admin_1"));
        deliver(4, new UserLoggedInEvent(USER, "127.0.0.1"));
        UserView before = view();

        deliver(2, new UserDisabledEvent(USER, "admin_1"));
        deliver(1, new UserLoggedInEvent(USER, "127.0.0.1"));

        assertThat(view()).isEqualTo(before);
        assertThat(view().enabled()).isTrue();
        assertThat(view().lastLoginAt()).isEqualTo(at(4));
    }

    @Test
    void aRowWrittenBeforeVersionsWereKeptTakesTheNextEventAndThenSkipsItsRedelivery() {
        deliver(0, registered());
        UserEntity old = users.findById(USER).orElseThrow();
        old.version = null;
        users.saveAndFlush(old);

        deliver(1, new UserDisabledEvent(USER, "admin_1"));
        assertThat(view().enabled()).isFalse();
        deliver(2, new UserEnabledEvent(USER, "admin_1"));
        deliver(1, new UserDisabledEvent(USER, "admin_1"));

        assertThat(view().enabled()).isTrue();
        assertThat(users.findById(USER).orElseThrow().version).isEqualTo(2L);
    }

    @Test
    void eventsOfAnUnknownUserAreIgnored() {
        deliver(1, new UserProfileUpdatedEvent(USER, "Anne", null));
        deliver(2, new UserLoggedInEvent(USER, "127.0.0.1"));
        jobCreated("job_1", T0);

        assertThat(projection.handle(new FindUserQuery(USER))).isEmpty();
    }

    @Test
    void everyProfileChangeReachesTheUsersSubscribersAndNoOneElse() {
        Deliveries.Subscriber<UserView> mine = deliveries.subscribe(new FindUserQuery(USER), UserView.class);
        Deliveries.Subscriber<UserView> other = deliveries.subscribe(new FindUserQuery("user_bob"), UserView.class);

        deliver(0, registered());
        deliver(1, new UserVoiceSelectedEvent(USER, "preset_gentle_female_001"));

        assertThat(mine.updates())
                .extracting(UserView::selectedVoiceId)
                .containsExactly(null, "preset_gentle_female_001");
        assertThat(other.updates()).isEmpty();
    }

    @Test
    void aResetEmptiesTheTableForTheReplay() {
        deliver(0, registered());
        deliveries.reset(projection);

        assertThat(projection.handle(new FindUserQuery(USER))).isEmpty();
    }
}
