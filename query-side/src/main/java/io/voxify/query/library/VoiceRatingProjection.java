package io.voxify.query.library;

import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.library.FindUserRatingsQuery;
import io.voxify.events.library.FindVoiceRatingsQuery;
import io.voxify.events.library.UserRatingsView;
import io.voxify.events.library.VoiceRatedEvent;
import io.voxify.events.library.VoiceRating;
import io.voxify.events.library.VoiceRatingList;
import io.voxify.events.library.VoiceRatingRemovedEvent;
import io.voxify.query.support.ViewUpdates;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Ratings of voices: each user's rating per voice, and per voice the sum and count of its ratings (the
 * mean and the number shown in the library). Both change in one transaction with the processor's token,
 * from the user's row as it was ({@link RatingTally}), skipping the events of the user's ratings that the rows
 * already include, so a change is never counted twice and a replay from the reset below rebuilds the same numbers. Part of the library projection's processing group.
 */
@Component
@ProcessingGroup(LibraryProjection.PROCESSING_GROUP)
public class VoiceRatingProjection {
    private final VoiceRatingRepository ratings;
    private final VoiceRatingTallyRepository tallies;
    private final UserRatingsVersionRepository versions;
    private final ViewUpdates views;

    public VoiceRatingProjection(
            VoiceRatingRepository ratings,
            VoiceRatingTallyRepository tallies,
            UserRatingsVersionRepository versions,
            ViewUpdates views) {
        this.ratings = ratings;
        this.tallies = tallies;
        this.versions = versions;
        this.views = views;
    }

    @EventHandler
    void on(VoiceRatedEvent e, @SequenceNumber long sequence) {
        if (applied(e.userId(), sequence)) {
            return;
        }
        VoiceRatingTallyEntity tally = tally(e.voiceModelId());
        if (!tally.withdrawn) {
            String id = key(e.userId(), e.voiceModelId());
            VoiceRatingEntity row = ratings.findById(id).orElse(null);
            store(tally, tallyOf(tally).rated(row == null ? null : row.rating, e.rating()));
            if (row == null) {
                row = new VoiceRatingEntity();
                row.id = id;
                row.userId = e.userId();
                row.voiceModelId = e.voiceModelId();
            }
            row.rating = e.rating();
            ratings.save(row);
        }
        seen(e.userId(), sequence);
    }

    @EventHandler
    void on(VoiceRatingRemovedEvent e, @SequenceNumber long sequence) {
        if (applied(e.userId(), sequence)) {
            return;
        }
        ratings.findById(key(e.userId(), e.voiceModelId())).ifPresent(row -> {
            VoiceRatingTallyEntity tally = tally(e.voiceModelId());
            store(tally, tallyOf(tally).unrated(row.rating));
            ratings.delete(row);
        });
        seen(e.userId(), sequence);
    }

    /** A deleted clone's ratings go with it (only its owner could rate it). */
    @EventHandler
    void on(VoiceCloneDeletedEvent e) {
        List<VoiceRatingEntity> rows = ratings.findByVoiceModelId(e.cloneId());
        ratings.deleteAll(rows);
        VoiceRatingTallyEntity tally = tally(e.cloneId());
        store(tally, tallyOf(tally).withdraw());
        Set<String> raters = new LinkedHashSet<>();
        rows.forEach(r -> raters.add(r.userId));
        raters.forEach(this::emit);
    }

    @ResetHandler
    void reset() {
        ratings.deleteAllInBatch();
        tallies.deleteAllInBatch();
        versions.deleteAllInBatch();
    }

    @QueryHandler
    public UserRatingsView handle(FindUserRatingsQuery query) {
        Map<String, Integer> mine = new LinkedHashMap<>();
        ratings.findByUserId(query.userId()).forEach(r -> mine.put(r.voiceModelId, r.rating));
        long version = versions.findById(query.userId()).map(v -> v.version).orElse(-1L);
        return new UserRatingsView(query.userId(), mine, version);
    }

    @QueryHandler
    public VoiceRatingList handle(FindVoiceRatingsQuery query) {
        return new VoiceRatingList(tallies.findAllById(query.voiceModelIds()).stream()
                .filter(t -> t.ratingCount > 0)
                .map(t -> new VoiceRating(t.voiceModelId, t.ratingSum, t.ratingCount))
                .toList());
    }

    /**
     * Whether the user's rows already include this event of their ratings (one aggregate per user): a redelivery,
     * or a batch handled again after another node claimed the token. The tally only guards against the latest
     * event handled twice; an older one would put its rating back in the row and in the voice's sum.
     */
    private boolean applied(String userId, long sequence) {
        return versions.findById(userId).map(v -> sequence <= v.version).orElse(false);
    }

    private void seen(String userId, long sequence) {
        UserRatingsVersionEntity row = versions.findById(userId).orElseGet(() -> {
            UserRatingsVersionEntity fresh = new UserRatingsVersionEntity();
            fresh.userId = userId;
            fresh.version = -1;
            return fresh;
        });
        row.version = Math.max(row.version, sequence);
        versions.save(row);
        emit(userId);
    }

    /** Built only if someone waits for the user's ratings, from the committed rows. */
    private void emit(String userId) {
        views.emit(FindUserRatingsQuery.class, userId, () -> handle(new FindUserRatingsQuery(userId)));
    }

    private VoiceRatingTallyEntity tally(String voiceModelId) {
        return tallies.findById(voiceModelId).orElseGet(() -> {
            VoiceRatingTallyEntity fresh = new VoiceRatingTallyEntity();
            fresh.voiceModelId = voiceModelId;
            return fresh;
        });
    }

    private static RatingTally tallyOf(VoiceRatingTallyEntity row) {
        return new RatingTally(row.ratingSum, row.ratingCount, row.withdrawn);
    }

    private void store(VoiceRatingTallyEntity row, RatingTally tally) {
        row.ratingSum = tally.sum();
        row.ratingCount = tally.count();
        row.withdrawn = tally.withdrawn();
        tallies.save(row);
    }

    private static String key(String userId, String voiceModelId) {
        return userId + "|" + voiceModelId;
    }
}
