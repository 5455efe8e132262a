package io.voxify.inference.voice;

/**
 * What a fit starts from and how hard it searches.
 *
 * @param baseVoiceId an engine voice id ({@code flite:rms}, {@code piper:en_US-amy-medium}) to start from, or
 *                    null to let the fitter choose the nearest built-in voice of the target's language
 * @param quality     the search effort; null means {@link FitQuality#BALANCED}
 */
public record FitOptions(String baseVoiceId, FitQuality quality) {
    public static final FitOptions DEFAULT = new FitOptions(null, FitQuality.BALANCED);

    public FitOptions {
        baseVoiceId = baseVoiceId == null || baseVoiceId.isBlank() ? null : baseVoiceId;
        quality = quality == null ? FitQuality.BALANCED : quality;
    }
}
