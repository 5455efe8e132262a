package io.voxify.infrastructure.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.limits.open-request-lease}: how long a Redis slot of a long-lived request stays held without being
 * renewed, so the slots of a node that died come free by themselves.
 */
@ConfigurationProperties("voxify.limits")
public record OpenRequestLease(@DefaultValue("PT90S") Duration openRequestLease) {}
