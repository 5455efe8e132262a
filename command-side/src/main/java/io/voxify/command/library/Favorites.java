package io.voxify.command.library;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voxify.events.library.AddFavoriteVoiceCommand;
import io.voxify.events.library.RemoveFavoriteVoiceCommand;
import io.voxify.events.library.VoiceFavoritedEvent;
import io.voxify.events.library.VoiceUnfavoritedEvent;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A user's favourite voices. Adding twice or removing what is not there changes nothing. */
@Aggregate
public class Favorites {

    @AggregateIdentifier
    private String favoritesId;

    private final Set<String> voices = new HashSet<>();

    protected Favorites() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(AddFavoriteVoiceCommand cmd) {
        if (!voices.contains(cmd.voiceModelId())) {
            apply(new VoiceFavoritedEvent(cmd.favoritesId(), cmd.userId(), cmd.voiceModelId()));
        }
        return true;
    }

    /** Only for an existing list: removing from a list never started is nothing to record. */
    @CommandHandler
    public boolean handle(RemoveFavoriteVoiceCommand cmd) {
        if (voices.contains(cmd.voiceModelId())) {
            apply(new VoiceUnfavoritedEvent(cmd.favoritesId(), cmd.userId(), cmd.voiceModelId()));
        }
        return false;
    }

    @EventSourcingHandler
    void on(VoiceFavoritedEvent e) {
        favoritesId = e.favoritesId();
        voices.add(e.voiceModelId());
    }

    @EventSourcingHandler
    void on(VoiceUnfavoritedEvent e) {
        favoritesId = e.favoritesId();
        voices.remove(e.voiceModelId());
    }
}
