package io.voxify.events.job;

import java.util.EnumMap;
import java.util.Map;

/** Jobs per status; a status no job is in counts zero. */
public record JobStatusCounts(Map<JobStatus, Long> counts) {

    public JobStatusCounts {
        Map<JobStatus, Long> all = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            all.put(status, counts == null ? 0L : counts.getOrDefault(status, 0L));
        }
        counts = Map.copyOf(all);
    }

    public long of(JobStatus status) {
        return counts.get(status);
    }
}
