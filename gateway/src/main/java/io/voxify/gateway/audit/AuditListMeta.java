package io.voxify.gateway.audit;

import io.voxify.gateway.web.Envelope;

/** The {@code meta} of an audit page: paged by position ({@code after}), not by offset like the other lists. */
record AuditListMeta(AuditPagination pagination) implements Envelope.Meta {}
