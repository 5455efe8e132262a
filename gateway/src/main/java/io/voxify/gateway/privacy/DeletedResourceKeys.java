package io.voxify.gateway.privacy;

import io.voxify.events.privacy.ErasesKey;
import io.voxify.events.privacy.Erasure;
import io.voxify.infrastructure.privacy.PersonalKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A deleted job, sample or clone takes its personal data with it: the event that ends it says so ({@link
 * ErasesKey}), and its key is destroyed, so its text, callback URL, name, transcript or voice profile reads as
 * erased in every stored event from then on (the audit trail keeps the facts: ids, statuses, durations, times), as
 * an account's deletion does for all of a person's. Handled in the account-erasure processor (a failure stops it
 * and it tries again; destroying a key twice is harmless), whose other handler deletes an erased account's
 * resources through these same events.
 */
@Component
@ProcessingGroup(AccountErasure.PROCESSING_GROUP)
public class DeletedResourceKeys {
    private final PersonalKeys keys;

    public DeletedResourceKeys(PersonalKeys keys) {
        this.keys = keys;
    }

    /** Every event, so an event that erases a key needs its annotation only (the migration reads the same). */
    @EventHandler
    void on(Object event) {
        Erasure.keyErasedBy(event).ifPresent(keys::destroy);
    }
}
