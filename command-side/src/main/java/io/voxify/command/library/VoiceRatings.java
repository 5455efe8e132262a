package io.voxify.command.library;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.library.RateVoiceCommand;
import io.voxify.events.library.RemoveVoiceRatingCommand;
import io.voxify.events.library.VoiceRatedEvent;
import io.voxify.events.library.VoiceRatingRemovedEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user's ratings of voices, one per voice. Keyed by user (not by voice) so that one user's changes
 * are ordered by the aggregate's optimistic lock while different users never contend, however popular
 * a voice is; the mean over users is the projection's sum. Rating a voice again with the same value,
 * or removing a rating that is not there, records nothing. Both commands answer the aggregate's version
 * (the sequence number of its last event), which the user's ratings view reaches once it shows the change.
 */
@Aggregate
public class VoiceRatings {
    public static final int LOWEST = 1;
    public static final int HIGHEST = 5;

    @AggregateIdentifier
    private String ratingsId;

    private final Map<String, Integer> ratings = new HashMap<>();

    protected VoiceRatings() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RateVoiceCommand cmd) {
        if (cmd.rating() < LOWEST || cmd.rating() > HIGHEST) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "A rating is a whole number from 1 to 5",
                    Map.of("rating", "must be a whole number from 1 to 5"));
        }
        if (!Objects.equals(ratings.get(cmd.voiceModelId()), cmd.rating())) {
            apply(new VoiceRatedEvent(cmd.ratingsId(), cmd.userId(), cmd.voiceModelId(), cmd.rating()));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Only for existing ratings: a user who never rated anything has nothing to remove. */
    @CommandHandler
    public long handle(RemoveVoiceRatingCommand cmd) {
        if (ratings.containsKey(cmd.voiceModelId())) {
            apply(new VoiceRatingRemovedEvent(cmd.ratingsId(), cmd.userId(), cmd.voiceModelId()));
        }
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(VoiceRatedEvent e) {
        ratingsId = e.ratingsId();
        ratings.put(e.voiceModelId(), e.rating());
    }

    @EventSourcingHandler
    void on(VoiceRatingRemovedEvent e) {
        ratingsId = e.ratingsId();
        ratings.remove(e.voiceModelId());
    }
}
