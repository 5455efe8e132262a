package io.voxify.command.library;

import io.voxify.events.library.AddFavoriteVoiceCommand;
import io.voxify.events.library.RemoveFavoriteVoiceCommand;
import io.voxify.events.library.VoiceFavoritedEvent;
import io.voxify.events.library.VoiceUnfavoritedEvent;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The list is the user's own by its id ({@code fav_<userId>}, chosen by the gateway from the caller's token), so
 * the aggregate itself has no owner to check and no limit to enforce: what it guarantees is that each change is
 * recorded once. Each handler answers whether the voice is a favourite afterwards.
 */
class FavoritesTest {
    private static final String ID = "fav_user_ann";
    private static final String USER = "user_ann";
    private static final String VOICE = "preset_gentle_female_001";
    private static final String OTHER_VOICE = "default_voice_001";

    private FixtureConfiguration<Favorites> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Favorites.class);
    }

    @Test
    void theFirstFavouriteStartsTheUsersList() {
        fixture.givenNoPriorActivity()
                .when(new AddFavoriteVoiceCommand(ID, USER, VOICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VoiceFavoritedEvent(ID, USER, VOICE))
                .expectResultMessagePayload(true);
    }

    @Test
    void eachVoiceIsAddedOnItsOwn() {
        fixture.given(new VoiceFavoritedEvent(ID, USER, VOICE))
                .when(new AddFavoriteVoiceCommand(ID, USER, OTHER_VOICE))
                .expectEvents(new VoiceFavoritedEvent(ID, USER, OTHER_VOICE))
                .expectResultMessagePayload(true);
    }

    @Test
    void addingAFavouriteTwiceRecordsNothing() {
        fixture.given(new VoiceFavoritedEvent(ID, USER, VOICE))
                .when(new AddFavoriteVoiceCommand(ID, USER, VOICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(true);
    }

    @Test
    void aRemovedFavouriteIsGoneAndCanBeAddedAgain() {
        fixture.given(new VoiceFavoritedEvent(ID, USER, VOICE), new VoiceFavoritedEvent(ID, USER, OTHER_VOICE))
                .when(new RemoveFavoriteVoiceCommand(ID, USER, VOICE))
                .expectEvents(new VoiceUnfavoritedEvent(ID, USER, VOICE))
                .expectResultMessagePayload(false);
        fixture.given(new VoiceFavoritedEvent(ID, USER, VOICE), new VoiceUnfavoritedEvent(ID, USER, VOICE))
                .when(new AddFavoriteVoiceCommand(ID, USER, VOICE))
                .expectEvents(new VoiceFavoritedEvent(ID, USER, VOICE))
                .expectResultMessagePayload(true);
    }

    @Test
    void removingOneVoiceKeepsTheOthers() {
        fixture.given(
                        new VoiceFavoritedEvent(ID, USER, VOICE),
                        new VoiceFavoritedEvent(ID, USER, OTHER_VOICE),
                        new VoiceUnfavoritedEvent(ID, USER, VOICE))
                .when(new RemoveFavoriteVoiceCommand(ID, USER, OTHER_VOICE))
                .expectEvents(new VoiceUnfavoritedEvent(ID, USER, OTHER_VOICE));
    }

    @Test
    void removingWhatIsNotAFavouriteRecordsNothing() {
        fixture.given(new VoiceFavoritedEvent(ID, USER, VOICE), new VoiceUnfavoritedEvent(ID, USER, VOICE))
                .when(new RemoveFavoriteVoiceCommand(ID, USER, VOICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(new VoiceFavoritedEvent(ID, USER, VOICE))
                .when(new RemoveFavoriteVoiceCommand(ID, USER, OTHER_VOICE))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aUserWithoutFavouritesHasNoListToRemoveFrom() {
        fixture.givenNoPriorActivity()
                .when(new RemoveFavoriteVoiceCommand(ID, USER, VOICE))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
