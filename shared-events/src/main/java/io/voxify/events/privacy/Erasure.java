package io.voxify.events.privacy;

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
}
