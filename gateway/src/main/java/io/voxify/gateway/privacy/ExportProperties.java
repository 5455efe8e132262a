package io.voxify.gateway.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.export}: how much one data export ({@code GET /api/v1/auth/export}) holds and how often a person
 * may ask for one. Each list past its cap is cut there and says so ({@code truncated}).
 *
 * @param maxItems       the most items of each list (jobs, samples, clones, training jobs, favourites, ratings)
 * @param maxAuditEvents the most events of the audit history, oldest first
 * @param perWindow      exports one person may ask for within {@code window}
 * @param window         the window {@code perWindow} counts in
 */
@ConfigurationProperties("voxify.export")
public record ExportProperties(
        @DefaultValue("10000") int maxItems,
        @DefaultValue("10000") int maxAuditEvents,
        @DefaultValue("3") int perWindow,
        @DefaultValue("PT1H") Duration window) {}
