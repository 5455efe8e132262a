package io.voxify.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt over the SHA-256 of the password (base64). bcrypt reads at most 72 bytes and refuses
 * more; passwords may be 128 characters of any script, so they are digested first — the
 * digest keeps every character significant and always fits.
 */
public class PrehashedBcryptPasswordEncoder implements PasswordEncoder {
    private final BCryptPasswordEncoder bcrypt;

    public PrehashedBcryptPasswordEncoder(int strength) {
        this.bcrypt = new BCryptPasswordEncoder(strength);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(digest(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return rawPassword != null && encodedPassword != null && bcrypt.matches(digest(rawPassword), encodedPassword);
    }

    private static String digest(CharSequence raw) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
