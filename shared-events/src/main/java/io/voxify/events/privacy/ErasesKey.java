package io.voxify.events.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an event that ends a resource (a job, sample or clone deleted): once it is stored, the resource's key is
 * destroyed, so everything sealed under it reads as erased from then on. The event names the resource by the
 * scope's {@link KeyScope#idComponent()}. The schema says it once, for the process that destroys keys as these
 * events arrive and for the migration that seals a store written before sealing (which destroys the keys of the
 * resources deleted back then). {@link Erasure#keyErasedBy} reads it off an event.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ErasesKey {
    KeyScope value();
}
