package io.voxify.infrastructure.privacy;

import io.voxify.events.privacy.KeyScope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;

/** {@link SealedValues} with the personal-data keys and cipher of the event store ({@link KeyWrapping}). */
public class KeyedSealedValues implements SealedValues {
    private final PersonalKeys keys;

    public KeyedSealedValues(PersonalKeys keys) {
        this.keys = keys;
    }

    @Override
    public Optional<SealedValue> seal(KeyScope scope, String resourceId, String purpose, String value) {
        String keyId = scope.keyId(resourceId);
        // find, not obtain: a value kept outside the store belongs to a resource whose events made its key; a key
        // that is not there was destroyed, and obtain would not make it again either.
        return keys.find(keyId)
                .map(key -> new SealedValue(
                        keyId,
                        Base64.getEncoder()
                                .encodeToString(KeyWrapping.seal(
                                        key, value.getBytes(StandardCharsets.UTF_8), place(keyId, purpose)))));
    }

    @Override
    public Optional<String> open(SealedValue value, String purpose) {
        Optional<SecretKey> key = keys.find(value.keyId());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] plain = KeyWrapping.open(
                    key.get(), Base64.getDecoder().decode(value.sealed()), place(value.keyId(), purpose));
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "A value sealed for " + purpose + " does not open with key " + value.keyId() + ": it was altered",
                    e);
        }
    }

    /** Unlike an event's field ({@code keyId|path}), so neither kind of sealed value opens as the other. */
    private static String place(String keyId, String purpose) {
        return "kept:" + keyId + "|" + purpose;
    }
}
