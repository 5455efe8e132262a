package io.voxify.events.webhook;

import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A job with a callback URL reached an end that is announced ({@code job.completed} or {@code job.failed}):
 * its webhook is now due (at this event's timestamp). {@code deliveryId} names this announcement and stays
 * the same across retries.
 */
@Revision("1")
public record WebhookDueEvent(
        String jobId,
        String userId,
        String deliveryId,
        String event,
        @PersonalData(KeyScope.JOB) String callbackUrl) {
    public static final String JOB_COMPLETED = "job.completed";
    public static final String JOB_FAILED = "job.failed";
}
