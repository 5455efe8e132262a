package io.voxify.gateway.limits;

/**
 * The details of a 429 TOO_MANY_OPEN_REQUESTS: the platform setting that caps this kind of open request, and its
 * value now.
 */
public record OpenRequestsDetails(String cap, int limit) {}
