package io.voxify.query.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Function;

/**
 * JSON columns of read-model rows, parsed once per distinct text. A page of jobs is read again
 * and again while its rows do not change, and most rows share the same settings, so parsing
 * every column of every row on every read (as the profile of the job list showed) is wasted
 * work inside the query's transaction, which holds the one SQLite connection. Values must be
 * immutable (or never changed by anyone), since every reader shares them. The texts come from
 * what users sent, so the cache is bounded: by {@code maxChars} characters of cached text (each
 * entry counted at least at {@value #MIN_WEIGHT}, so at most {@code maxChars / MIN_WEIGHT}
 * entries), a text longer than {@code maxChars / 16} is parsed but not kept, and a text not read
 * for {@link #IDLE} is forgotten. The parsed values take a few times their text's size.
 */
public final class ParsedColumns<T> {
    static final int MIN_WEIGHT = 64;
    static final Duration IDLE = Duration.ofMinutes(30);

    private final Cache<String, T> parsed;
    private final long maxChars;
    private final Function<String, T> parser;

    public ParsedColumns(long maxChars, Function<String, T> parser) {
        this.maxChars = maxChars;
        this.parser = parser;
        this.parsed = Caffeine.newBuilder()
                .maximumWeight(maxChars)
                .weigher((String text, T value) -> Math.max(MIN_WEIGHT, text.length()))
                .expireAfterAccess(IDLE)
                .executor(Runnable::run)
                .build();
    }

    /** The parsed value of {@code text} (null for null). */
    public T get(String text) {
        if (text == null) {
            return null;
        }
        T hit = parsed.getIfPresent(text);
        if (hit != null) {
            return hit;
        }
        T value = parser.apply(text);
        if (text.length() <= maxChars / 16 && value != null) {
            parsed.put(text, value);
        }
        return value;
    }

    /** Texts held now. */
    long size() {
        parsed.cleanUp();
        return parsed.estimatedSize();
    }

    /** Their characters (each counted at least at the minimum weight). */
    long weightedChars() {
        parsed.cleanUp();
        return parsed.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }
}
