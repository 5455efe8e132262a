package io.voxify.events.user;

import org.axonframework.serialization.Revision;

/**
 * The user's webhook signing secret moved to {@code generation} (the first secret is generation 0). The secret
 * itself is derived from the server key and never recorded; the event's timestamp starts the overlap during
 * which callbacks are signed with both the new and the previous secret.
 */
@Revision("1")
public record WebhookSecretRotatedEvent(String userId, int generation) {}
