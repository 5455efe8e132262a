package io.voxify.events.clone;

/**
 * The generation parameters of a clone.
 *
 * @param baseVoiceId the library voice (a preset or a neural voice) the fit starts from, or null for the
 *                    nearest built-in voice the fitter picks
 * @param quality     the fit's effort; never null
 */
public record CloneGenerationSettings(String baseVoiceId, CloneFitQuality quality) {
    public static final CloneGenerationSettings DEFAULT = new CloneGenerationSettings(null, CloneFitQuality.BALANCED);

    public CloneGenerationSettings {
        quality = quality == null ? CloneFitQuality.BALANCED : quality;
    }
}
