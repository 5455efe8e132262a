package io.voxify.events.job;

import io.voxify.events.common.OwnedByUser;
import org.axonframework.serialization.Revision;

@Revision("1")
public record JobCreatedEvent(String jobId, String userId, String text, String textHash, String textLanguage,
                              String voiceModelId, SynthesisSettings settings) implements OwnedByUser {
}
