package io.voxify.events.user;

/**
 * Checks a password against a stored hash. The user account's command handlers take it as a resource and the
 * application supplies the hashing algorithm, so it lives with the messages both of them share.
 */
@FunctionalInterface
public interface PasswordVerifier {
    boolean matches(String rawPassword, String passwordHash);
}
