package io.voxify.events.clone;

import io.voxify.events.common.OwnedByUser;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceCloneCreatedEvent(
        String cloneId, String userId, List<String> sampleIds, String name, String description, String language)
        implements OwnedByUser {}
