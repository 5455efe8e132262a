package io.voxify.events.job;

import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * The job's editable fields as they now are. {@code callbackUrl} came later without a new revision: older
 * events read it as null, which was true of every job before callbacks existed.
 */
@Revision("1")
public record JobUpdatedEvent(
        String jobId,
        @PersonalData(KeyScope.JOB) String text,
        @PersonalData(KeyScope.JOB) String textHash,
        String textLanguage,
        SynthesisSettings settings,
        @PersonalData(KeyScope.JOB) String callbackUrl) {}
