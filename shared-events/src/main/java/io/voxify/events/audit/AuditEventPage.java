package io.voxify.events.audit;

import java.util.List;

/** A page of the event stream in global order; {@code hasMore} says a later page exists. */
public record AuditEventPage(List<AuditEvent> events, boolean hasMore) {}
