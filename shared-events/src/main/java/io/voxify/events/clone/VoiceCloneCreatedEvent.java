package io.voxify.events.clone;

import io.voxify.events.common.OwnedByUser;
import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record VoiceCloneCreatedEvent(
        String cloneId,
        String userId,
        List<String> sampleIds,
        @PersonalData(KeyScope.CLONE) String name,
        @PersonalData(KeyScope.CLONE) String description,
        String language)
        implements OwnedByUser {}
