package io.voxify.events.library;

import java.util.List;

public record VoiceRatingList(List<VoiceRating> items) {}
