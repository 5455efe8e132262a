package io.voxify.events.job;

import org.axonframework.serialization.Revision;

/**
 * The job's editable fields as they now are. {@code callbackUrl} came later without a new revision: older
 * events read it as null, which was true of every job before callbacks existed.
 */
@Revision("1")
public record JobUpdatedEvent(
        String jobId,
        String text,
        String textHash,
        String textLanguage,
        SynthesisSettings settings,
        String callbackUrl) {}
