package io.voxify.events.admin;

import java.time.Instant;

/**
 * The platform figures as of {@code asOf}: users active within the last {@code days} days, jobs per
 * UTC day for the {@code days} days ending on the day of {@code asOf}, and the {@code topVoices}
 * most used voices. The answer is a {@link PlatformStats}.
 */
public record PlatformStatsQuery(Instant asOf, int days, int topVoices) {}
