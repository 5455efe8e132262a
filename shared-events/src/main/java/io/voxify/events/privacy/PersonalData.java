package io.voxify.events.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of an event (or of a record an event holds) that says something about a person: an e-mail, a
 * name, a text they synthesised, a transcript of their voice, the address they called from, where their
 * callbacks go, the profile of their voice. The event store keeps it sealed with a key of the given scope
 * (the person's own key, or the key of the job, sample or clone it belongs to, which the person owns), so
 * destroying the key erases it from every stored copy of the event while the event itself (its ids, counts,
 * durations, statuses and times) stays for the auditors. Aggregates, sagas, upcasters and projections read
 * plain values; after erasure a text reads {@link Erasure#ERASED}, a list reads empty and anything else null.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {
    /** Whose key seals it: the event's own id component of this scope names the key. */
    KeyScope value();
}
