package io.voxify.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What part a node plays in an installation ({@code voxify.role}) and how work reaches its workers
 * ({@code voxify.work-queue.type}).
 *
 * @param role      {@code all} (one node does everything: the embedded default), {@code api} (takes HTTP, runs no
 *                  workers) or {@code worker} (runs workers; its API answers 404)
 * @param workQueue the queue that hands work to the workers
 */
@ConfigurationProperties("voxify")
public record NodeProperties(
        @DefaultValue("all") String role, @DefaultValue WorkQueue workQueue) {

    /** @param type {@code in-process} (this process runs every piece of work: the embedded default) or {@code rabbitmq} */
    public record WorkQueue(@DefaultValue("in-process") String type) {}
}
