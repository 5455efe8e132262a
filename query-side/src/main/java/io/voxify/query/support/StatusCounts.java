package io.voxify.query.support;

import java.util.EnumMap;
import java.util.Map;

/** Read models keep a status as its enum name; counts grouped by it come back keyed by the enum. */
public final class StatusCounts {

    private StatusCounts() {}

    /** Adds {@code count} under the status named {@code name}, to a map created on first use. */
    public static <S extends Enum<S>> Map<S, Long> add(Map<S, Long> counts, Class<S> type, Object name, Object count) {
        Map<S, Long> target = counts == null ? new EnumMap<>(type) : counts;
        target.merge(Enum.valueOf(type, (String) name), ((Number) count).longValue(), Long::sum);
        return target;
    }
}
