package io.voxify.events.clone;

import io.voxify.events.privacy.ErasesKey;
import io.voxify.events.privacy.KeyScope;
import org.axonframework.serialization.Revision;

@Revision("1")
@ErasesKey(KeyScope.CLONE)
public record VoiceCloneDeletedEvent(String cloneId, String userId, String requestedBy, String vectorId) {}
