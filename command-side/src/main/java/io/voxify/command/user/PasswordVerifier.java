package io.voxify.command.user;

/** Checks a password against a stored hash; the gateway supplies the hashing algorithm. */
@FunctionalInterface
public interface PasswordVerifier {
    boolean matches(String rawPassword, String passwordHash);
}
