package io.voxify.events.sample;

import java.util.List;

/** {@code sampleIds} null means every sample of the user. */
public record FindSamplesQuery(
        String userId, List<SampleStatus> statuses, List<String> sampleIds, int limit, int offset) {}
