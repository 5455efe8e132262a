package io.voxify.infrastructure.privacy;

/**
 * One personal value kept sealed outside the event store: the id of the key that seals it and the base64 of
 * nonce, ciphertext and tag. It names no value, so it may be written wherever its holder is stored.
 */
public record SealedValue(String keyId, String sealed) {}
