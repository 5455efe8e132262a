package io.voxify.events.library;

public record FindFavoritesQuery(String userId) {}
