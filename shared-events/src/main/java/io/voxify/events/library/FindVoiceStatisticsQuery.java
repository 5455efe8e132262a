package io.voxify.events.library;

import java.util.List;

/** Statistics of the given voice models; the answer is a {@link VoiceStatisticsList}. */
public record FindVoiceStatisticsQuery(List<String> voiceModelIds) {}
