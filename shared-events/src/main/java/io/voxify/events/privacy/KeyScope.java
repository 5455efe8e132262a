package io.voxify.events.privacy;

/**
 * What a personal-data key belongs to. A person has one key of their own ({@link #USER}) and one per job,
 * sample and clone they make: deleting one of those erases its texts and voice data alone, retention erases an
 * old job's text, and deleting the account destroys every key the person owns. An event names the key by its
 * component of the scope's {@link #idComponent()}; the key is made the first time an event of the resource
 * is stored, owned by the event's {@code userId}: the resource's creating event ({@code OwnedByUser}) makes it.
 */
public enum KeyScope {
    USER("user", "userId"),
    JOB("job", "jobId"),
    SAMPLE("sample", "sampleId"),
    CLONE("clone", "cloneId"),
    TRAINING("training", "trainingJobId");

    private final String prefix;
    private final String idComponent;

    KeyScope(String prefix, String idComponent) {
        this.prefix = prefix;
        this.idComponent = idComponent;
    }

    /** The event component (and JSON field) that holds the id of the resource whose key this is. */
    public String idComponent() {
        return idComponent;
    }

    /** The key store's id for the key of one resource, e.g. {@code job:6f1c...}. */
    public String keyId(String resourceId) {
        return prefix + ":" + resourceId;
    }
}
