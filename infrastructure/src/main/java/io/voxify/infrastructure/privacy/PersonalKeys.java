package io.voxify.infrastructure.privacy;

import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The keys that seal personal data in the event store (crypto-shredding): one per person and one per job,
 * sample and clone, each owned by a person. Destroying a key erases what it sealed from every stored event at
 * once, without rewriting the store. A key once destroyed is never made again under the same id, so an event
 * stored after its resource was erased is stored erased. The embedded profile and PostgreSQL keep them in a
 * table of their own ({@code jdbc}); a KMS or Vault adapter implements this port.
 */
public interface PersonalKeys {

    /** The key, made (owned by {@code ownerId}) when there is none yet; empty when it was destroyed. */
    Optional<SecretKey> obtain(String keyId, String ownerId);

    /** The key; empty when it was never made or was destroyed. */
    Optional<SecretKey> find(String keyId);

    /** Destroys one key (a deleted job's, retention's); true when it existed and was live. */
    boolean destroy(String keyId);

    /** Destroys every key the owner has, their own and their resources'; the ids destroyed. */
    List<String> destroyOwnedBy(String ownerId);

    /** The ids of the owner's live keys (what an account deletion will destroy). */
    List<String> liveKeysOf(String ownerId);
}
