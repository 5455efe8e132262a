package io.voxify.events.job;

import io.voxify.events.common.OwnedByUser;
import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A job was accepted. {@code textFormat} says how its text is to be read: {@value #PLAIN_TEXT} or
 * {@value #SSML}; revision 1 predates the field, and its events reach handlers upcast to plain text.
 * {@code callbackUrl} (null: none) came later without a new revision: older events read it as null.
 */
@Revision("2")
public record JobCreatedEvent(
        String jobId,
        String userId,
        @PersonalData(KeyScope.JOB) String text,
        @PersonalData(KeyScope.JOB) String textHash,
        String textLanguage,
        String textFormat,
        String voiceModelId,
        SynthesisSettings settings,
        @PersonalData(KeyScope.JOB) String callbackUrl)
        implements OwnedByUser {
    public static final String PLAIN_TEXT = "plain";
    public static final String SSML = "ssml";
    public static final List<String> TEXT_FORMATS = List.of(PLAIN_TEXT, SSML);
}
