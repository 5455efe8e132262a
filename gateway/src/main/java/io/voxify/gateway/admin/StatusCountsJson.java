package io.voxify.gateway.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Counts by status as the admin API shows them: every status present, zero included. */
final class StatusCountsJson {

    private StatusCountsJson() {}

    static <S extends Enum<S>> Map<String, Object> counted(
            S[] statuses, Map<S, Long> counts, Function<S, String> wireName) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        json.put("by_status", byStatus(statuses, counts, wireName));
        return json;
    }

    static <S extends Enum<S>> Map<String, Long> byStatus(
            S[] statuses, Map<S, Long> counts, Function<S, String> wireName) {
        Map<String, Long> json = new LinkedHashMap<>();
        for (S status : statuses) {
            json.put(wireName.apply(status), counts.getOrDefault(status, 0L));
        }
        return json;
    }
}
