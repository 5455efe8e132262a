package io.voxify.gateway.library;

import io.voxify.events.library.FindUserRatingsQuery;
import io.voxify.events.library.FindVoiceRatingsQuery;
import io.voxify.events.library.UserRatingsView;
import io.voxify.events.library.VoiceRating;
import io.voxify.events.library.VoiceRatingList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Ratings as the library shows them: every user's mean and count per voice, and the caller's own. */
@Component
class LibraryRatings {
    private final QueryGateway queries;

    LibraryRatings(QueryGateway queries) {
        this.queries = queries;
    }

    Snapshot of(String userId, List<String> voiceModelIds) {
        return new Snapshot(mine(userId), tallies(voiceModelIds));
    }

    UserRatingsView mine(String userId) {
        return queries.query(new FindUserRatingsQuery(userId), UserRatingsView.class)
                .join();
    }

    Map<String, VoiceRating> tallies(List<String> voiceModelIds) {
        Map<String, VoiceRating> out = new HashMap<>();
        queries.query(new FindVoiceRatingsQuery(voiceModelIds), VoiceRatingList.class)
                .join()
                .items()
                .forEach(r -> out.put(r.voiceModelId(), r));
        return out;
    }

    /** The caller's ratings and the tallies of the voices on hand. */
    record Snapshot(UserRatingsView mine, Map<String, VoiceRating> tallies) {

        /** The mean to one decimal, or null when nobody rates the voice. */
        Double mean(String voiceModelId) {
            VoiceRating tally = tallies.get(voiceModelId);
            return tally == null ? null : tally.mean();
        }

        long count(String voiceModelId) {
            VoiceRating tally = tallies.get(voiceModelId);
            return tally == null ? 0 : tally.ratingCount();
        }

        Integer my(String voiceModelId) {
            return mine.ratings().get(voiceModelId);
        }
    }
}
