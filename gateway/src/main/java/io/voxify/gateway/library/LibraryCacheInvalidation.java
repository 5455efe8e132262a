package io.voxify.gateway.library;

import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.library.VoiceFavoritedEvent;
import io.voxify.events.library.VoiceRatedEvent;
import io.voxify.events.library.VoiceRatingRemovedEvent;
import io.voxify.events.library.VoiceUnfavoritedEvent;
import io.voxify.events.user.AccountDeletedEvent;
import io.voxify.infrastructure.cache.LibraryPageCache;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A user's pages go when their clones, favourites or ratings change, whichever node or worker changed
 * them. Other users' pages keep a changed mean rating until they expire (the time-to-live).
 */
@Component
@ProcessingGroup("library-cache")
public class LibraryCacheInvalidation {
    private final LibraryPageCache cache;

    LibraryCacheInvalidation(LibraryPageCache cache) {
        this.cache = cache;
    }

    @EventHandler
    void on(VoiceCloneReadyEvent e) {
        cache.invalidate(e.userId());
    }

    /** A deleted account's pages go at once, before the erasure removes its clones one by one. */
    @EventHandler
    void on(AccountDeletedEvent e) {
        cache.invalidate(e.userId());
    }

    @EventHandler
    void on(VoiceCloneDeletedEvent e) {
        cache.invalidate(e.userId());
    }

    @EventHandler
    void on(VoiceFavoritedEvent e) {
        cache.invalidate(e.userId());
    }

    @EventHandler
    void on(VoiceUnfavoritedEvent e) {
        cache.invalidate(e.userId());
    }

    @EventHandler
    void on(VoiceRatedEvent e) {
        cache.invalidate(e.userId());
    }

    @EventHandler
    void on(VoiceRatingRemovedEvent e) {
        cache.invalidate(e.userId());
    }
}
