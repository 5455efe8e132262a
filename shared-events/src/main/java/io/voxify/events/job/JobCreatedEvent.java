package io.voxify.events.job;

import org.axonframework.serialization.Revision;

@Revision("1")
public record JobCreatedEvent(String jobId, String userId, String text, String textHash, String textLanguage,
                              String voiceModelId, SynthesisSettings settings) {
}
