package io.voxify.gateway.privacy;

import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.job.JobDeletedEvent;
import io.voxify.events.privacy.KeyScope;
import io.voxify.events.sample.VoiceSampleDeletedEvent;
import io.voxify.infrastructure.privacy.PersonalKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A deleted job, sample or clone takes its personal data with it: its key is destroyed, so its text, callback URL,
 * name, transcript or voice profile reads as erased in every stored event from then on (the audit trail keeps the
 * facts: ids, statuses, durations, times), as an account's deletion does for all of a person's. Handled in the
 * account-erasure processor (a failure stops it and it tries again; destroying a key twice is harmless), whose
 * other handler deletes an erased account's resources through these same events.
 */
@Component
@ProcessingGroup(AccountErasure.PROCESSING_GROUP)
public class DeletedResourceKeys {
    private final PersonalKeys keys;

    public DeletedResourceKeys(PersonalKeys keys) {
        this.keys = keys;
    }

    @EventHandler
    void on(JobDeletedEvent deleted) {
        keys.destroy(KeyScope.JOB.keyId(deleted.jobId()));
    }

    @EventHandler
    void on(VoiceSampleDeletedEvent deleted) {
        keys.destroy(KeyScope.SAMPLE.keyId(deleted.sampleId()));
    }

    @EventHandler
    void on(VoiceCloneDeletedEvent deleted) {
        keys.destroy(KeyScope.CLONE.keyId(deleted.cloneId()));
    }
}
