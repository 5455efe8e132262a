package io.voxify.inference;

/**
 * Immutable synthesis request.
 *
 * @param speed                0.5–3.0, 1 = normal
 * @param pitch                0.5–2.0, a frequency factor, 1 = unchanged
 * @param volume               0–2, linear gain
 * @param emotion              neutral, happy, sad or excited
 * @param format               wav, mp3 or flac
 * @param sampleRate           one of 8000, 16000, 22050, 24000, 44100, 48000
 * @param timestampGranularity "word" or "sentence"
 * @param textFormat           {@value #PLAIN} (the default when null) or {@value #SSML}
 */
public record SynthesisRequest(
        String text,
        String voiceId,
        double speed,
        double pitch,
        double volume,
        String emotion,
        String format,
        int sampleRate,
        boolean includeTimestamps,
        String timestampGranularity,
        String textFormat) {

    public static final String PLAIN = "plain";
    public static final String SSML = "ssml";

    /** Plain text. */
    public SynthesisRequest(
            String text,
            String voiceId,
            double speed,
            double pitch,
            double volume,
            String emotion,
            String format,
            int sampleRate,
            boolean includeTimestamps,
            String timestampGranularity) {
        this(
                text,
                voiceId,
                speed,
                pitch,
                volume,
                emotion,
                format,
                sampleRate,
                includeTimestamps,
                timestampGranularity,
                PLAIN);
    }

    public boolean ssml() {
        return SSML.equals(textFormat);
    }
}
