package io.voxify.events.privacy;

import java.lang.reflect.RecordComponent;
import java.util.Optional;

/** How erased personal data reads, in events replayed after their key was destroyed and in the APIs. */
public final class Erasure {
    /** What an erased text reads as. */
    public static final String ERASED = "[erased]";
    /**
     * The metadata entry the event store adds to an event it read with erased fields: their paths in the
     * payload (e.g. {@code text}, {@code audio.originalFilename}) or {@code metadata.<key>}.
     */
    public static final String ERASED_FIELDS = "erasedFields";
    /**
     * The metadata entry that names whose connection an event's {@code clientAddress} is when no caller is
     * signed in (registration, sign-in): the event's own user.
     */
    public static final String DATA_SUBJECT = "dataSubject";

    private Erasure() {}

    /** The key the event destroys, or empty when it is no such event (or names no resource). */
    public static Optional<String> keyErasedBy(Object event) {
        ErasesKey erases = event.getClass().getAnnotation(ErasesKey.class);
        if (erases == null || !event.getClass().isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (component.getName().equals(erases.value().idComponent())) {
                try {
                    Object id = component.getAccessor().invoke(event);
                    return id instanceof String resourceId && !resourceId.isBlank()
                            ? Optional.of(erases.value().keyId(resourceId))
                            : Optional.empty();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(event.getClass().getName() + " erases a " + erases.value() + " key but has no "
                + erases.value().idComponent() + " component");
    }
}
