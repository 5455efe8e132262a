package io.voxify.events.clone;

import java.util.List;
import io.voxify.events.common.OwnedByUser;
import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceCloneCreatedEvent(String cloneId, String userId, List<String> sampleIds, String name,
                                     String description, String language) implements OwnedByUser {
}
