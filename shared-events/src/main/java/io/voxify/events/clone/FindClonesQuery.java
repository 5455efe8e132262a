package io.voxify.events.clone;

import java.util.List;

/** A user's clones; {@code usingSampleId} narrows to clones built from that sample. */
public record FindClonesQuery(String userId, List<CloneStatus> statuses, String usingSampleId, int limit, int offset) {}
