package io.voxify.gateway.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Query-string values parsed the same way on every endpoint; problems are collected per field. */
public final class QueryParams {

    private QueryParams() {}

    /**
     * An ISO-8601 instant, offset date-time or date (a date means its start, or with
     * {@code endOfDay} its last millisecond, in UTC); null when absent.
     */
    public static Instant instant(String value, String name, Map<String, String> errors, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                LocalDate day = LocalDate.parse(v);
                return endOfDay
                        ? day.plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()
                                .minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                errors.put(name, "must be an ISO-8601 date or time, e.g. 2024-01-15 or 2024-01-15T10:30:00Z");
                return null;
            }
        }
    }

    /** A whole number within bounds; {@code fallback} when absent. */
    public static long integer(
            String value, String name, long fallback, long min, long max, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                errors.put(name, "must be between " + min + " and " + max);
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.put(name, "must be an integer");
            return fallback;
        }
    }
}
