package io.voxify.inference.voice;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.SynthesisResult;

/** Speaks a text with a profile at 16 kHz and measures what came out. */
final class ProfileRenderer {

    /** What one rendering sounded like, and how long it was. */
    record Rendering(SpeechMeasures measures, float[] embedding, double seconds) {}

    private final SpeechSynthesizer synthesizer;
    private final SpeakerEncoder encoder;

    ProfileRenderer(SpeechSynthesizer synthesizer, SpeakerEncoder encoder) {
        if (synthesizer == null || encoder == null) {
            throw new IllegalArgumentException("a synthesizer and a speaker encoder are required");
        }
        this.synthesizer = synthesizer;
        this.encoder = encoder;
    }

    SpeakerEncoder encoder() {
        return encoder;
    }

    boolean supports(String voiceId) {
        return synthesizer.supports(voiceId);
    }

    float[] speak(String text, VoiceProfile profile) {
        return AudioDecoder.decode(timed(text, profile, false).audio()).mono();
    }

    /** Speaks with word timestamps when asked for. */
    SynthesisResult timed(String text, VoiceProfile profile, boolean timestamps) {
        SynthesisRequest request = new SynthesisRequest(
                text,
                profile.baseVoiceId(),
                1.0,
                1.0,
                1.0,
                "neutral",
                "wav",
                SpeakerEncoder.SAMPLE_RATE,
                timestamps,
                "word");
        return synthesizer.synthesize(request, profile, null);
    }

    Rendering render(String text, VoiceProfile profile) {
        float[] pcm = speak(text, profile);
        return new Rendering(
                SpeechMeasures.of(pcm), encoder.embed(pcm), (double) pcm.length / SpeakerEncoder.SAMPLE_RATE);
    }
}
