package io.voxify.events.training;

/** One user's training jobs, oldest first, a page at a time; answered with a {@link TrainingJobList}. */
public record FindUserTrainingJobsQuery(String userId, int limit, int offset) {}
