package io.voxify.query.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * JSON columns of read-model rows, parsed once per distinct text. A page of jobs is read again
 * and again while its rows do not change, and most rows share the same settings, so parsing
 * every column of every row on every read (as the profile of the job list showed) is wasted
 * work inside the query's transaction, which holds the one SQLite connection. Values must be
 * immutable (or never changed by anyone), since every reader shares them. Memory is bounded by
 * the length of the cached texts: past {@code maxChars} the cache starts over.
 */
public final class ParsedColumns<T> {
    private final Map<String, T> parsed = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();
    private final long maxChars;
    private final Function<String, T> parser;

    public ParsedColumns(long maxChars, Function<String, T> parser) {
        this.maxChars = maxChars;
        this.parser = parser;
    }

    /** The parsed value of {@code text} (null for null). */
    public T get(String text) {
        if (text == null) {
            return null;
        }
        T hit = parsed.get(text);
        if (hit != null) {
            return hit;
        }
        T value = parser.apply(text);
        if (text.length() <= maxChars / 16) {
            if (chars.addAndGet(text.length()) > maxChars) {
                parsed.clear();
                chars.set(text.length());
            }
            parsed.put(text, value);
        }
        return value;
    }
}
