package io.voxify.events.user;

public record FindUserQuery(String userId) {}
