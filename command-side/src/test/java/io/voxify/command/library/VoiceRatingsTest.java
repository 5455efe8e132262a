package io.voxify.command.library;

import io.voxify.events.common.DomainException;
import io.voxify.events.library.RateVoiceCommand;
import io.voxify.events.library.RemoveVoiceRatingCommand;
import io.voxify.events.library.VoiceRatedEvent;
import io.voxify.events.library.VoiceRatingRemovedEvent;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VoiceRatingsTest {
    private static final String ID = "rat_user_ann";
    private static final String USER = "user_ann";
    private static final String VOICE = "preset_gentle_female_001";

    private FixtureConfiguration<VoiceRatings> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VoiceRatings.class);
    }

    @Test
    void theFirstRatingStartsTheUsersRatings() {
        fixture.givenNoPriorActivity()
                .when(new RateVoiceCommand(ID, USER, VOICE, 4))
                .expectEvents(new VoiceRatedEvent(ID, USER, VOICE, 4))
                .expectResultMessagePayload(0L);
    }

    @Test
    void aChangedRatingReplacesTheOldOneAndTheSameRatingAgainRecordsNothing() {
        fixture.given(new VoiceRatedEvent(ID, USER, VOICE, 4))
                .when(new RateVoiceCommand(ID, USER, VOICE, 2))
                .expectEvents(new VoiceRatedEvent(ID, USER, VOICE, 2))
                .expectResultMessagePayload(1L);
        fixture.given(new VoiceRatedEvent(ID, USER, VOICE, 4), new VoiceRatedEvent(ID, USER, VOICE, 2))
                .when(new RateVoiceCommand(ID, USER, VOICE, 2))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void eachVoiceHasItsOwnRating() {
        fixture.given(new VoiceRatedEvent(ID, USER, VOICE, 4))
                .when(new RateVoiceCommand(ID, USER, "default_voice_001", 4))
                .expectEvents(new VoiceRatedEvent(ID, USER, "default_voice_001", 4));
    }

    @Test
    void ratingsOutsideOneToFiveAreRefused() {
        for (int rating : new int[] {0, 6, -1, Integer.MAX_VALUE}) {
            fixture.givenNoPriorActivity()
                    .when(new RateVoiceCommand(ID, USER, VOICE, rating))
                    .expectNoEvents()
                    .expectException(DomainException.class);
            fixture.given(new VoiceRatedEvent(ID, USER, VOICE, 4))
                    .when(new RateVoiceCommand(ID, USER, VOICE, rating))
                    .expectNoEvents()
                    .expectException(DomainException.class);
        }
    }

    @Test
    void aRemovedRatingIsGoneAndCanBeGivenAgain() {
        fixture.given(new VoiceRatedEvent(ID, USER, VOICE, 4))
                .when(new RemoveVoiceRatingCommand(ID, USER, VOICE))
                .expectEvents(new VoiceRatingRemovedEvent(ID, USER, VOICE))
                .expectResultMessagePayload(1L);
        fixture.given(new VoiceRatedEvent(ID, USER, VOICE, 4), new VoiceRatingRemovedEvent(ID, USER, VOICE))
                .when(new RateVoiceCommand(ID, USER, VOICE, 4))
                .expectEvents(new VoiceRatedEvent(ID, USER, VOICE, 4));
    }

    @Test
    void removingWhatIsNotRatedRecordsNothing() {
        fixture.given(new VoiceRatedEvent(ID, USER, VOICE, 4), new VoiceRatingRemovedEvent(ID, USER, VOICE))
                .when(new RemoveVoiceRatingCommand(ID, USER, VOICE))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
        fixture.given(new VoiceRatedEvent(ID, USER, VOICE, 4))
                .when(new RemoveVoiceRatingCommand(ID, USER, "default_voice_001"))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aUserWhoNeverRatedHasNoRatingsToRemoveFrom() {
        fixture.givenNoPriorActivity()
                .when(new RemoveVoiceRatingCommand(ID, USER, VOICE))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
