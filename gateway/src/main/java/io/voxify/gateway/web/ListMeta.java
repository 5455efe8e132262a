package io.voxify.gateway.web;

/** The {@code meta} of a paged list: its pagination, nothing else. */
public record ListMeta(PageMeta pagination) implements Envelope.Meta {}
