package io.voxify.events.library;

import java.util.List;

public record VoiceStatisticsList(List<VoiceStatistics> items) {}
