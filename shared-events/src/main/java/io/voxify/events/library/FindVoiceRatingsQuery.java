package io.voxify.events.library;

import java.util.List;

/** Rating tallies of the given voice models; the answer is a {@link VoiceRatingList} (voices never rated left out). */
public record FindVoiceRatingsQuery(List<String> voiceModelIds) {}
