package io.voxify.events.user;

/**
 * Which account holds this (normalised) e-mail: answered as an optional user id by the command side from
 * the e-mail claims, which are written with the registration itself, so an account can sign in the moment
 * it is registered, before any read model has caught up.
 */
public record FindAccountByEmailQuery(String email) {}
