package io.voxify.events.job;

import org.axonframework.serialization.Revision;

@Revision("1")
public record JobUpdatedEvent(String jobId, String text, String textHash, String textLanguage,
                              SynthesisSettings settings) {
}
