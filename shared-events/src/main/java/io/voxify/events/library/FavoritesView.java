package io.voxify.events.library;

import java.util.Map;
import java.util.Set;

/** One user's favourite voices, and how many users favour each voice model. */
public record FavoritesView(Set<String> favorites, Map<String, Long> favoritesCount) {}
