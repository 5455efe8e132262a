package io.voxify.inference.voice;

/**
 * What a cloned voice should sound like, aggregated from the user's processed samples.
 *
 * @param f0MedianHz   median fundamental frequency over voiced frames
 * @param f0P10Hz      10th percentile of the voiced F0
 * @param f0P90Hz      90th percentile of the voiced F0
 * @param speakingRate syllables per second of speech (pauses included, leading and trailing silence not)
 * @param embedding    speaker embedding from the {@link SpeakerEncoder} the fitter uses
 * @param language     BCP 47 language of the samples ("en", "en-us", "de", ...)
 */
public record CloneTarget(
        double f0MedianHz, double f0P10Hz, double f0P90Hz, double speakingRate, float[] embedding, String language) {

    public CloneTarget {
        if (!(f0MedianHz > 0) || !(f0P10Hz > 0) || !(f0P90Hz >= f0P10Hz)) {
            throw new IllegalArgumentException(
                    "F0 statistics must be positive with p10 <= p90: " + f0MedianHz + ", " + f0P10Hz + ", " + f0P90Hz);
        }
        if (!(speakingRate > 0)) {
            throw new IllegalArgumentException("speaking rate must be positive: " + speakingRate);
        }
        if (embedding == null || embedding.length == 0) {
            throw new IllegalArgumentException("a clone target needs a speaker embedding");
        }
        embedding = embedding.clone();
        language = language == null || language.isBlank() ? "en" : language;
    }

    @Override
    public float[] embedding() {
        return embedding.clone();
    }
}
