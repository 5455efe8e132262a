package io.voxify.gateway.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Counts by status as the admin API shows them: every status present, zero included.
 *
 * @param byStatus keyed by each status's wire name in the enum's order; a map because its keys are the enum's
 *                 values, not names of this record
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusCounts(long total, Map<String, Long> byStatus) {

    static <S extends Enum<S>> StatusCounts of(S[] statuses, Map<S, Long> counts, Function<S, String> wireName) {
        return new StatusCounts(
                counts.values().stream().mapToLong(Long::longValue).sum(), byStatus(statuses, counts, wireName));
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
