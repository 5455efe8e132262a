package io.voxify.events.clone;

import java.util.List;

public record ClonePage(List<CloneView> items, long totalCount) {}
