package io.voxify.inference.synthesis;

import io.voxify.inference.AudioListener;
import io.voxify.inference.ProgressListener;
import io.voxify.inference.Timestamp;
import io.voxify.inference.engine.EngineAudio;
import io.voxify.inference.engine.EspeakEngine;
import io.voxify.inference.engine.FliteEngine;
import io.voxify.inference.engine.WordTiming;
import io.voxify.inference.piper.PiperVoice;
import io.voxify.inference.text.LanguageFrontEnd;
import io.voxify.inference.text.NormalizedText;
import java.util.List;

/**
 * A {@link Plan} spoken: each sentence by its engine (Flite with its duration stretch, espeak-ng with its
 * calibrated rate, pitch and range, Piper through espeak-ng's phonemes), post-processed for what the engine
 * could not do, and placed on the output with the pauses between sentences and the word timestamps.
 */
public final class SpeechRenderer {

    private final FliteEngine flite;
    private final EspeakEngine espeak;
    private final double sentencePauseSeconds;

    /** Either engine may be null when it is not installed: the catalogue then offers none of its voices. */
    public SpeechRenderer(FliteEngine flite, EspeakEngine espeak, double sentencePauseSeconds) {
        this.flite = flite;
        this.espeak = espeak;
        this.sentencePauseSeconds = sentencePauseSeconds;
    }

    /** The output samples at {@code rate} with their word and sentence timestamps. */
    public record Rendered(float[] samples, List<Timestamp> words, List<Timestamp> sentences) {}

    /**
     * Speaks the plan of {@code text}, reporting progress from 25 % to 85 % sentence by sentence and handing
     * each finished piece to {@code audio}; throws when no sentence gave speech (named after {@code voiceId}).
     */
    public Rendered render(
            String text, Plan plan, int rate, String voiceId, ProgressListener progress, AudioListener audio) {
        List<Step.Say> says = plan.says();
        Assembly assembly = new Assembly(text, plan.steps(), rate, sentencePauseSeconds, audio);
        PiperVoice.Utterance utterance = null;
        Voice utteranceVoice = null;
        double utteranceSpeed = 0;
        for (int i = 0; i < says.size(); i++) {
            Step.Say say = says.get(i);
            Voice v = say.voice();
            if (v.piper() != null) {
                // One utterance per run of sentences for one Piper voice at one speed (see piperSentence).
                if (utterance == null
                        || !v.equals(utteranceVoice)
                        || say.settings().speed() != utteranceSpeed) {
                    utterance = v.piper().utterance(say.settings().speed(), v.speaker());
                    utteranceVoice = v;
                    utteranceSpeed = say.settings().speed();
                }
                assembly.spoken(say, piperSentence(v, utterance, say.text()));
            } else {
                utterance = null;
                assembly.spoken(
                        say,
                        v.flite()
                                ? flite.synthesize(
                                        v.engineName(),
                                        say.text().text(),
                                        1.0 / say.settings().speed())
                                : espeak.synthesize(
                                        v.engineName(), say.text().text(), EspeakCalibration.prosody(say.settings())));
            }
            progress.onProgress(
                    25 + 60.0 * (i + 1) / says.size(), "Synthesised sentence " + (i + 1) + " of " + says.size());
        }
        float[] pcm = assembly.finish(voiceId);
        return new Rendered(pcm, assembly.words(), assembly.sentences());
    }

    /**
     * The IPA phonemes espeak-ng speaks for the text in the voice's language, after the same language
     * front-end as synthesis.
     */
    public String phonemes(Voice voice, String text) {
        return espeak.phonemes(
                voice.engineName(),
                LanguageFrontEnd.forLanguage(voice.language())
                        .prepare(text, 0, text.length())
                        .text());
    }

    /**
     * A sentence of a Piper utterance, spoken and normalised at once so a stream can play it while the rest
     * are synthesised (the utterance's gain only falls, so its sentences do not jump in loudness), with
     * espeak-ng phonemes; speed goes to the model's length scale. The model gives no word durations, so the
     * sentence is one timed unit.
     */
    private EngineAudio piperSentence(Voice voice, PiperVoice.Utterance utterance, NormalizedText sentence) {
        float[] samples = utterance.speak(espeak.phonemes(voice.engineName(), sentence.text()));
        int rate = voice.piper().sampleRate();
        List<WordTiming> whole = samples.length == 0
                ? List.of()
                : List.of(new WordTiming(0, sentence.text().length(), 0, (double) samples.length / rate));
        return new EngineAudio(samples, rate, whole);
    }
}
