package io.voxify.events.training;

import java.util.List;

public record TrainingJobList(List<TrainingView> items) {}
