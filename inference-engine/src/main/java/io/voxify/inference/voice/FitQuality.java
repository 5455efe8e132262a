package io.voxify.inference.voice;

import java.util.Locale;

/**
 * How hard {@link VoiceFitter} searches: the trade-off between the time a clone takes and how closely it
 * is fitted. What each level does is documented on {@link VoiceFitter#fit(CloneTarget, FitOptions, FitListener)}.
 */
public enum FitQuality {
    FAST,
    BALANCED,
    BEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
