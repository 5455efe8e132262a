package io.voxify.query.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.library.FindUserRatingsQuery;
import io.voxify.events.library.FindVoiceRatingsQuery;
import io.voxify.events.library.UserRatingsView;
import io.voxify.events.library.VoiceRatedEvent;
import io.voxify.events.library.VoiceRating;
import io.voxify.events.library.VoiceRatingRemovedEvent;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ReadModelTest
class VoiceRatingProjectionTest {
    private static final String ANN = "user_ann";
    private static final String BOB = "user_bob";
    private static final String GENTLE = "preset_gentle_female_001";
    private static final String CLONE = "vc_ann";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    private VoiceRatingProjection projection;

    @Autowired
    private Deliveries deliveries;

    @AfterEach
    void unsubscribe() {
        deliveries.unsubscribeAll();
    }

    private void rate(String user, long sequence, String voice, int rating) {
        deliveries.deliver(
                projection, "rat_" + user, sequence, T0, new VoiceRatedEvent("rat_" + user, user, voice, rating));
    }

    private void unrate(String user, long sequence, String voice) {
        deliveries.deliver(
                projection, "rat_" + user, sequence, T0, new VoiceRatingRemovedEvent("rat_" + user, user, voice));
    }

    private void deleteClone(String cloneId) {
        deliveries.deliver(projection, cloneId, 9, T0, new VoiceCloneDeletedEvent(cloneId, ANN, ANN, null));
    }

    private List<VoiceRating> tallies(String... voices) {
        return projection.handle(new FindVoiceRatingsQuery(List.of(voices))).items();
    }

    private UserRatingsView ratingsOf(String user) {
        return projection.handle(new FindUserRatingsQuery(user));
    }

    @Test
    void eachUsersRatingCountsOnceInTheVoicesSumAndCount() {
        rate(ANN, 0, GENTLE, 5);
        rate(BOB, 0, GENTLE, 4);

        assertThat(tallies(GENTLE)).containsExactly(new VoiceRating(GENTLE, 9, 2));
        assertThat(ratingsOf(ANN)).isEqualTo(new UserRatingsView(ANN, Map.of(GENTLE, 5), 0));
    }

    @Test
    void aChangedRatingMovesTheSumNotTheCount() {
        rate(ANN, 0, GENTLE, 5);
        rate(BOB, 0, GENTLE, 4);
        rate(ANN, 1, GENTLE, 2);

        assertThat(tallies(GENTLE)).containsExactly(new VoiceRating(GENTLE, 6, 2));
        assertThat(ratingsOf(ANN)).isEqualTo(new UserRatingsView(ANN, Map.of(GENTLE, 2), 1));
    }

    @Test
    void aRemovedRatingLeavesTheSumAndCountAndAVoiceWithNoneIsNotListed() {
        rate(ANN, 0, GENTLE, 5);
        rate(BOB, 0, GENTLE, 4);
        unrate(ANN, 1, GENTLE);
        assertThat(tallies(GENTLE)).containsExactly(new VoiceRating(GENTLE, 4, 1));
        assertThat(ratingsOf(ANN)).isEqualTo(new UserRatingsView(ANN, Map.of(), 1));

        unrate(BOB, 1, GENTLE);
        assertThat(tallies(GENTLE)).isEmpty();
    }

    @Test
    void theLatestEventHandledAgainChangesNothing() {
        rate(ANN, 0, GENTLE, 5);
        rate(ANN, 0, GENTLE, 5);
        rate(ANN, 1, GENTLE, 3);
        rate(ANN, 1, GENTLE, 3);
        assertThat(tallies(GENTLE)).containsExactly(new VoiceRating(GENTLE, 3, 1));

        unrate(ANN, 2, GENTLE);
        unrate(ANN, 2, GENTLE);
        assertThat(tallies(GENTLE)).isEmpty();
        assertThat(ratingsOf(ANN)).isEqualTo(new UserRatingsView(ANN, Map.of(), 2));
    }

    @Test
    void anOlderRatingHandledAgainLeavesTheNewerOneInTheRowAndTheTally() {
        rate(ANN, 0, GENTLE, 5);
        rate(BOB, 0, GENTLE, 4);
        rate(ANN, 1, GENTLE, 2);
        Deliveries.Subscriber<UserRatingsView> subscriber =
                deliveries.subscribe(new FindUserRatingsQuery(ANN), UserRatingsView.class);

        rate(ANN, 0, GENTLE, 5);

        assertThat(ratingsOf(ANN)).isEqualTo(new UserRatingsView(ANN, Map.of(GENTLE, 2), 1));
        assertThat(tallies(GENTLE)).containsExactly(new VoiceRating(GENTLE, 6, 2));
        assertThat(subscriber.updates()).isEmpty();
    }

    @Test
    void anOlderRemovalHandledAgainLeavesTheRatingGivenSince() {
        rate(ANN, 0, GENTLE, 5);
        unrate(ANN, 1, GENTLE);
        rate(ANN, 2, GENTLE, 3);

        unrate(ANN, 1, GENTLE);

        assertThat(ratingsOf(ANN)).isEqualTo(new UserRatingsView(ANN, Map.of(GENTLE, 3), 2));
        assertThat(tallies(GENTLE)).containsExactly(new VoiceRating(GENTLE, 3, 1));
    }

    @Test
    void aUserWhoNeverRatedHasNoRatingsAtVersionMinusOne() {
        assertThat(ratingsOf(ANN)).isEqualTo(new UserRatingsView(ANN, Map.of(), -1));
    }

    @Test
    void theUsersVersionIsTheirLatestEventEvenWhenItChangedNothing() {
        rate(ANN, 0, GENTLE, 5);
        unrate(ANN, 1, "default_voice_001");

        assertThat(ratingsOf(ANN).version()).isEqualTo(1);
        assertThat(ratingsOf(ANN).ratings()).isEqualTo(Map.of(GENTLE, 5));
    }

    @Test
    void aDeletedClonesRatingsGoWithItAndLaterOnesAreNotCounted() {
        rate(ANN, 0, CLONE, 5);
        rate(ANN, 1, GENTLE, 4);
        Deliveries.Subscriber<UserRatingsView> subscriber =
                deliveries.subscribe(new FindUserRatingsQuery(ANN), UserRatingsView.class);

        deleteClone(CLONE);
        assertThat(tallies(CLONE, GENTLE)).containsExactly(new VoiceRating(GENTLE, 4, 1));
        assertThat(ratingsOf(ANN).ratings()).isEqualTo(Map.of(GENTLE, 4));
        assertThat(subscriber.updates())
                .as("the rater is told")
                .last()
                .isEqualTo(new UserRatingsView(ANN, Map.of(GENTLE, 4), 1));

        rate(ANN, 2, CLONE, 3);
        assertThat(tallies(CLONE)).as("a rating that raced the deletion").isEmpty();
        assertThat(ratingsOf(ANN).ratings()).isEqualTo(Map.of(GENTLE, 4));
        assertThat(ratingsOf(ANN).version()).isEqualTo(2);
    }

    @Test
    void eachChangeReachesOnlyThatUsersSubscribers() {
        Deliveries.Subscriber<UserRatingsView> ann =
                deliveries.subscribe(new FindUserRatingsQuery(ANN), UserRatingsView.class);
        Deliveries.Subscriber<UserRatingsView> bob =
                deliveries.subscribe(new FindUserRatingsQuery(BOB), UserRatingsView.class);

        rate(ANN, 0, GENTLE, 5);
        rate(ANN, 1, GENTLE, 4);

        assertThat(ann.updates())
                .containsExactly(
                        new UserRatingsView(ANN, Map.of(GENTLE, 5), 0), new UserRatingsView(ANN, Map.of(GENTLE, 4), 1));
        assertThat(bob.updates()).isEmpty();
    }

    @Test
    void aResetEmptiesRatingsTalliesAndVersionsForTheReplay() {
        rate(ANN, 0, GENTLE, 5);
        deleteClone(CLONE);
        deliveries.reset(projection);

        assertThat(tallies(GENTLE)).isEmpty();
        assertThat(ratingsOf(ANN)).isEqualTo(new UserRatingsView(ANN, Map.of(), -1));
        rate(ANN, 0, CLONE, 5);
        assertThat(tallies(CLONE))
                .as("the withdrawal too is rebuilt by the replay, in its place in the history")
                .hasSize(1);
    }
}
