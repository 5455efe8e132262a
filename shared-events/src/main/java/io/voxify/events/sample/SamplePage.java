package io.voxify.events.sample;

import java.util.List;

public record SamplePage(List<SampleView> items, long totalCount) {}
