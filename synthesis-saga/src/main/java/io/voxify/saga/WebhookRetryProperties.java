package io.voxify.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.webhooks}, the keys the job saga's webhook delivery reads: when a failed try is retried and
 * when delivery gives up. (How a try is sent, its timeouts and threads, is the sender's configuration.)
 *
 * @param retryDelays  back-off after each failed try, comma separated, the last one repeating: {@code 250ms},
 *                     {@code 10s}, {@code 1m}, {@code 1h}, {@code 1d} or ISO-8601 durations
 * @param giveUpAfter  how long after the webhook became due (its job ended) tries go on at most
 * @param attemptGuard a try whose result is not recorded within this long (the process stopped while the call
 *                     was in flight) is made again
 */
@ConfigurationProperties("voxify.webhooks")
public record WebhookRetryProperties(
        @DefaultValue("10s,30s,1m,5m,15m,1h,2h,4h") String retryDelays,
        @DefaultValue("PT24H") Duration giveUpAfter,
        @DefaultValue("PT2M") Duration attemptGuard) {}
