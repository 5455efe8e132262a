package io.voxify.saga;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.work}, the key the in-process work queue reads.
 *
 * @param backlogPerUser pieces of work one user may have waiting in the queue at once
 */
@ConfigurationProperties("voxify.work")
public record WorkProperties(@DefaultValue("500") int backlogPerUser) {
}
