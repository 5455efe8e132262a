package io.voxify.events.clone;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The fit's quality/speed trade-off a user chose for a clone ({@code quality} in the API). */
public enum CloneFitQuality {
    FAST,
    BALANCED,
    BEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(CloneFitQuality::wireName).toList();
    }
}
