package io.voxify.inference.ssml;

/**
 * Factors an SSML {@code <prosody>} puts on the request's own speed, pitch and volume. Nested elements
 * multiply; the synthesizer keeps the products within the API's ranges.
 */
public record Prosody(double rate, double pitch, double volume) {

    public static final Prosody NEUTRAL = new Prosody(1, 1, 1);

    Prosody times(Prosody inner) {
        return new Prosody(rate * inner.rate, pitch * inner.pitch, volume * inner.volume);
    }
}
