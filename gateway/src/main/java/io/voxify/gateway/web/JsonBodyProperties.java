package io.voxify.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.limits.max-json-body-bytes}, a node's bound on request bodies (not one of the platform settings,
 * which share the {@code voxify.limits} prefix and are read by {@code PlatformDefaults}).
 *
 * @param maxJsonBodyBytes the largest body, in bytes, of a request that is not a multipart upload; larger ones
 *                         get 413 before they are read, and no JSON string or document in one may be longer
 */
@ConfigurationProperties("voxify.limits")
public record JsonBodyProperties(@DefaultValue("1048576") long maxJsonBodyBytes) {}
