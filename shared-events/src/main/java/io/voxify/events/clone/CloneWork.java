package io.voxify.events.clone;

import java.util.List;

public record CloneWork(String cloneId, String userId, List<String> sampleIds, String language, int attempt) {
}
