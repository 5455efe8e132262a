package io.voxify.query.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.library.VoiceRating;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ratings projection's arithmetic, event by event, with the per-user rows as a map. */
class RatingTallyTest {
    private final Map<String, Integer> rows = new HashMap<>();
    private RatingTally tally = RatingTally.NONE;

    private void rate(String user, int rating) {
        if (!tally.withdrawn()) {
            tally = tally.rated(rows.get(user), rating);
            rows.put(user, rating);
        }
    }

    private void remove(String user) {
        tally = tally.unrated(rows.remove(user));
    }

    private Double mean() {
        return new VoiceRating("v", tally.sum(), tally.count()).mean();
    }

    @Test
    void theMeanIsOverUsersEachCountedOnce() {
        rate("ann", 5);
        rate("bob", 4);
        rate("cat", 4);
        assertThat(tally).isEqualTo(new RatingTally(13, 3, false));
        assertThat(mean()).isEqualTo(4.3);
        rate("ann", 2);
        assertThat(tally).as("a change moves the sum, not the count").isEqualTo(new RatingTally(10, 3, false));
        assertThat(mean()).isEqualTo(3.3);
    }

    @Test
    void anEventAppliedTwiceChangesNothing() {
        rate("ann", 5);
        rate("bob", 3);
        rate("bob", 3);
        assertThat(tally).isEqualTo(new RatingTally(8, 2, false));
        remove("bob");
        remove("bob");
        assertThat(tally).isEqualTo(new RatingTally(5, 1, false));
        remove("nobody");
        assertThat(tally).isEqualTo(new RatingTally(5, 1, false));
    }

    @Test
    void removingTheLastRatingLeavesNoMean() {
        rate("ann", 3);
        remove("ann");
        assertThat(tally).isEqualTo(new RatingTally(0, 0, false));
        assertThat(mean()).isNull();
        rate("ann", 1);
        assertThat(mean()).isEqualTo(1.0);
    }

    @Test
    void aWithdrawnVoiceCountsNothingWhateverArrivesAfter() {
        rate("ann", 4);
        tally = tally.withdraw();
        rows.clear();
        assertThat(tally).isEqualTo(new RatingTally(0, 0, true));
        rate("ann", 5);
        remove("ann");
        assertThat(tally).isEqualTo(new RatingTally(0, 0, true));
        assertThat(mean()).isNull();
    }

    @Test
    void theMeanIsRoundedToOneDecimalHalvesUp() {
        assertThat(new VoiceRating("v", 17, 4).mean()).as("4.25").isEqualTo(4.3);
        assertThat(new VoiceRating("v", 9, 2).mean()).as("4.5").isEqualTo(4.5);
        assertThat(new VoiceRating("v", 14, 3).mean()).as("4.666…").isEqualTo(4.7);
        assertThat(new VoiceRating("v", 11, 3).mean()).as("3.666…").isEqualTo(3.7);
        assertThat(new VoiceRating("v", 7, 6).mean()).as("1.1666…").isEqualTo(1.2);
        assertThat(new VoiceRating("v", 41, 40).mean()).as("1.025").isEqualTo(1.0);
        assertThat(new VoiceRating("v", 5_000_000_000L, 1_000_000_000L).mean()).isEqualTo(5.0);
        assertThat(new VoiceRating("v", 0, 0).mean()).isNull();
    }
}
