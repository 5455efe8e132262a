package io.voxify.gateway.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.retention}: how the {@link RetentionSweeper} runs. How long jobs are kept is not here: it is the
 * platform setting {@code job_retention_days}, which administrators change at run time.
 *
 * @param enabled      whether this node sweeps on its own, every {@code interval}
 * @param interval     the time between the end of one sweep and the start of the next
 * @param initialDelay the time after start-up before the first sweep
 * @param batchSize    the most jobs one sweep expires; more wait for the next sweep
 */
@ConfigurationProperties("voxify.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("PT1H") Duration interval,
        @DefaultValue("PT5M") Duration initialDelay,
        @DefaultValue("500") int batchSize) {}
