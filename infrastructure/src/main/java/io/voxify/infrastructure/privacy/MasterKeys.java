package io.voxify.infrastructure.privacy;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * The master keys a node wraps personal-data keys with: the current one wraps every key made from now on, the
 * previous ones only open keys wrapped before a rotation (README, Privacy: rotating the master key), until the
 * rewrap step has wrapped every live key with the current one and the previous keys are dropped. A stolen
 * backup of the key table then opens nothing without a master key that no longer exists.
 */
public final class MasterKeys {
    private final SecretKey current;
    private final List<SecretKey> previous;

    public MasterKeys(SecretKey current, List<SecretKey> previous) {
        this.current = current;
        this.previous = List.copyOf(previous);
    }

    public static MasterKeys of(SecretKey current) {
        return new MasterKeys(current, List.of());
    }

    /** These keys with {@code next} as the current one; the current one only opens from now on. */
    public MasterKeys rotatedTo(SecretKey next) {
        List<SecretKey> older = new ArrayList<>();
        older.add(current);
        older.addAll(previous);
        return new MasterKeys(next, older);
    }

    public String wrap(SecretKey key, String keyId) {
        return KeyWrapping.wrap(current, key, keyId);
    }

    /** The key, opened by the current master key or, failing that, by a previous one. */
    public SecretKey unwrap(String wrapped, String keyId) {
        byte[] sealed = decode(wrapped, keyId);
        SecretKey opened = open(current, sealed, keyId);
        for (int i = 0; opened == null && i < previous.size(); i++) {
            opened = open(previous.get(i), sealed, keyId);
        }
        if (opened == null) {
            throw new IllegalStateException("The personal-data key " + keyId + " does not open with this node's master"
                    + " key (voxify.privacy.master-key must be the same on every node; after a rotation, the"
                    + " previous one belongs in voxify.privacy.previous-master-keys until the rewrap step ran)");
        }
        return opened;
    }

    /** Whether the current master key wraps this key (what the rewrap step leaves alone). */
    public boolean wrappedByCurrent(String wrapped, String keyId) {
        return open(current, decode(wrapped, keyId), keyId) != null;
    }

    private static SecretKey open(SecretKey master, byte[] sealed, String keyId) {
        try {
            return KeyWrapping.key(KeyWrapping.open(master, sealed, KeyWrapping.WRAPPED_KEY_CONTEXT + keyId));
        } catch (GeneralSecurityException wrongMaster) {
            return null;
        }
    }

    private static byte[] decode(String wrapped, String keyId) {
        try {
            return Base64.getDecoder().decode(wrapped);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The personal-data key " + keyId + " is not stored as base64", e);
        }
    }
}
