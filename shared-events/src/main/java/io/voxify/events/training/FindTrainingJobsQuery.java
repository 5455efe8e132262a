package io.voxify.events.training;

import java.util.List;

/** Training jobs in the given states, every user's; answered with a {@link TrainingJobList}. */
public record FindTrainingJobsQuery(List<TrainingStatus> statuses, int limit, int offset) {}
