package io.voxify.events.job;

import java.util.List;

public record JobPage(List<JobView> items, long totalCount) {}
