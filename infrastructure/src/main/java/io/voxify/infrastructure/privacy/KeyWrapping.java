package io.voxify.infrastructure.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM, the one cipher of personal data: a 96-bit random nonce per message, a 128-bit tag, and
 * associated data that binds each ciphertext to its place (a data key to its id under the master key, a
 * sealed field to its key and path), so a ciphertext copied elsewhere does not open.
 */
public final class KeyWrapping {
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyWrapping() {}

    public static SecretKey newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    public static SecretKey key(byte[] bytes) {
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("An AES-256 key is " + KEY_BYTES + " bytes, not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** nonce followed by ciphertext and tag. */
    public static byte[] seal(SecretKey key, byte[] plain, String associated) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plain.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plain, 0, plain.length, sealed, NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plain bytes; throws {@link GeneralSecurityException} when the tag does not match (wrong key or place). */
    public static byte[] open(SecretKey key, byte[] sealed, String associated) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("A sealed value is at least " + (NONCE_BYTES + TAG_BITS / 8) + " bytes");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    /** The associated data of a wrapped data key: its id, so a wrapped key copied to another row does not open. */
    static final String WRAPPED_KEY_CONTEXT = "key:";

    static String wrap(SecretKey master, SecretKey key, String keyId) {
        return Base64.getEncoder().encodeToString(seal(master, key.getEncoded(), WRAPPED_KEY_CONTEXT + keyId));
    }
}
