package io.voxify.inference.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.voxify.inference.SpeechSynthesizer;

/**
 * Fits a {@link VoiceProfile} to a {@link CloneTarget} by measurement: every decision is taken by
 * synthesising {@link #CHECK_SENTENCE} and measuring the result with the same tools that measured the
 * target. Takes a few seconds of CPU (some thirty syntheses of one sentence).
 *
 * <p>Thread-safe as far as the synthesizer and encoder are, which they are.
 */
public final class VoiceFitter {

    /** Varied consonants and vowels (all English vowel qualities but a few), voiced and voiceless. */
    public static final String CHECK_SENTENCE =
            "The quick brown fox jumps over the lazy dog, while five judges hear every voice sing a cheerful tune.";
    public static final String DEFAULT_VOICE = "flite:slt";
    /**
     * Renderings of {@link #CHECK_SENTENCE} a fit of an English voice takes, with the evaluation after it: two per
     * candidate voice, two for pitch and range, eleven for the formants, five for breath, one last pitch check,
     * two to evaluate. Other languages have fewer candidates.
     */
    public static final int RENDERS_PER_FIT = 2 * 4 + 2 + 11 + 5 + 1 + 2;
    static final List<String> ENGLISH_VOICES = List.of("flite:slt", "flite:rms", "flite:awb", "flite:kal16");
    /** Weight of the log-F0 distance against embedding similarity when choosing the base voice. */
    private static final double F0_WEIGHT = 0.25;
    private static final double MIN_RANGE = 0.5;
    private static final double MAX_RANGE = 2.0;
    private static final double[] BREATH_STEPS = {0, 0.15, 0.3, 0.5, 0.75};

    private final ProfileRenderer renderer;

    public VoiceFitter(SpeechSynthesizer synthesizer, SpeakerEncoder encoder) {
        this.renderer = new ProfileRenderer(synthesizer, encoder);
    }

    /**
     * Chooses the base voice, then sets pitch level, intonation range, speed, formant scale and breathiness,
     * in that order, each from measurements of the profile so far.
     *
     * <ol>
     *   <li>Base voice: among the English Flite voices (espeak-ng voices of the target's language otherwise),
     *       the one whose check sentence, shifted to the target's median F0, is most similar to the target
     *       embedding, less {@value #F0_WEIGHT}·|ln(F0 voice / F0 target)| so that a voice needing a smaller
     *       shift wins a close call (shifting costs naturalness).</li>
     *   <li>Pitch: target median / measured median, corrected once more after measuring the result.</li>
     *   <li>Range: ln(p90/p10) of the target over that of the voice, clamped to 0.5–2.</li>
     *   <li>Speed: target syllable rate / measured syllable rate.</li>
     *   <li>Formant scale: the best embedding similarity over 0.85–1.21 in steps of about 2.5 %.</li>
     *   <li>Breathiness: the best embedding similarity over 0, 0.15, 0.3, 0.5, 0.75.</li>
     * </ol>
     */
    public VoiceProfile fit(CloneTarget target) {
        float[] embedding = target.embedding();
        checkDimension(embedding);
        String baseVoice = chooseBase(target, embedding);

        ProfileRenderer.Rendering neutral = renderer.render(CHECK_SENTENCE, VoiceProfile.neutral(baseVoice));
        double pitch = pitchFor(target, neutral.measures().f0MedianHz(), 1.0);
        double range = clamp(spread(target.f0P10Hz(), target.f0P90Hz())
                / Math.max(1e-3, spread(neutral.measures().f0P10Hz(), neutral.measures().f0P90Hz())), MIN_RANGE, MAX_RANGE);
        VoiceProfile profile = VoiceProfile.clamped(baseVoice, pitch, range, 1, 1, 0);
        ProfileRenderer.Rendering shifted = renderer.render(CHECK_SENTENCE, profile);
        pitch = pitchFor(target, shifted.measures().f0MedianHz(), pitch);
        double speed = shifted.measures().syllableRate() > 0
                ? target.speakingRate() / shifted.measures().syllableRate() : 1;
        profile = VoiceProfile.clamped(baseVoice, pitch, range, speed, 1, 0);

        profile = bestFormant(profile, embedding);
        profile = bestBreath(profile, embedding);

        // Formant shifting resamples before the pitch shift; what the tracker then hears can drift by a few
        // percent, so the pitch gets a last correction.
        ProfileRenderer.Rendering fitted = renderer.render(CHECK_SENTENCE, profile);
        pitch = pitchFor(target, fitted.measures().f0MedianHz(), profile.pitchFactor());
        return VoiceProfile.clamped(baseVoice, pitch, profile.pitchRangeFactor(), profile.speedFactor(),
                profile.formantScale(), profile.breathiness());
    }

    /**
     * Speaks {@link #CHECK_SENTENCE} with the profile and with the default voice ({@value #DEFAULT_VOICE},
     * no profile) at 16 kHz and measures both against the target.
     *
     * <p>{@code qualityScore} = 0.5·pitchScore + 0.5·timbreScore, where pitchScore = max(0, 1 − f0Error/0.25)
     * (1 at the target's median F0, 0 at 25 % off or worse) and timbreScore = clamp(0.5 + (sim − defaultSim)
     * / (1 − defaultSim), 0, 1): 0.5 when the profile is exactly as similar to the speaker as the default
     * voice is, 1 when it closes the whole gap to a perfect match, 0 when it is as much further away. It is a
     * measurement with this project's encoder, not a listening test.
     */
    public CloneEvaluation evaluate(VoiceProfile profile, CloneTarget target) {
        float[] embedding = target.embedding();
        checkDimension(embedding);
        ProfileRenderer.Rendering cloned = renderer.render(CHECK_SENTENCE, profile);
        ProfileRenderer.Rendering standard = renderer.render(CHECK_SENTENCE, VoiceProfile.neutral(DEFAULT_VOICE));
        double f0 = cloned.measures().f0MedianHz();
        double f0Error = relativeError(f0, target.f0MedianHz());
        double similarity = SpeakerEncoder.similarity(cloned.embedding(), embedding);
        double defaultError = relativeError(standard.measures().f0MedianHz(), target.f0MedianHz());
        double defaultSimilarity = SpeakerEncoder.similarity(standard.embedding(), embedding);
        double pitchScore = Math.max(0, 1 - f0Error / 0.25);
        double timbreScore = clamp(0.5 + (similarity - defaultSimilarity) / Math.max(1e-6, 1 - defaultSimilarity), 0, 1);
        return new CloneEvaluation(f0, f0Error, similarity, defaultError, defaultSimilarity,
                0.5 * pitchScore + 0.5 * timbreScore);
    }

    /** Built-in voices that could speak the target's language, best first by nothing but listing order. */
    List<String> candidates(String language) {
        String lang = language.toLowerCase(Locale.ROOT).replace('_', '-');
        List<String> out = new ArrayList<>();
        if (lang.equals("en") || lang.startsWith("en-")) {
            for (String v : ENGLISH_VOICES) {
                if (renderer.supports(v)) {
                    out.add(v);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        List<String> tried = new ArrayList<>();
        tried.add(lang);
        int dash = lang.indexOf('-');
        if (dash > 0) {
            tried.add(lang.substring(0, dash));
        }
        for (String l : tried) {
            String id = "espeak:" + l;
            if (renderer.supports(id)) {
                out.add(id);
                if (renderer.supports(id + "+f3")) {
                    out.add(id + "+f3");
                }
                break;
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no built-in voice speaks " + language);
        }
        return out;
    }

    private String chooseBase(CloneTarget target, float[] embedding) {
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (String voice : candidates(target.language())) {
            double f0 = renderer.render(CHECK_SENTENCE, VoiceProfile.neutral(voice)).measures().f0MedianHz();
            if (f0 <= 0) {
                continue;
            }
            VoiceProfile shifted = VoiceProfile.clamped(voice, target.f0MedianHz() / f0, 1, 1, 1, 0);
            double similarity = SpeakerEncoder.similarity(renderer.render(CHECK_SENTENCE, shifted).embedding(), embedding);
            double score = similarity - F0_WEIGHT * Math.abs(Math.log(f0 / target.f0MedianHz()));
            if (score > bestScore) {
                bestScore = score;
                best = voice;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no candidate voice produced voiced speech");
        }
        return best;
    }

    private VoiceProfile bestFormant(VoiceProfile profile, float[] embedding) {
        VoiceProfile best = profile;
        double bestSimilarity = similarity(profile, embedding);
        // Coarse over 40/47 .. 40/33 (0.85–1.21) in steps of two quanta, then the neighbours of the winner.
        int bestStep = ProfileEffects.FORMANT_STEPS;
        for (int p = 47; p >= 33; p -= 2) {
            VoiceProfile candidate = withFormant(profile, p);
            double s = similarity(candidate, embedding);
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = candidate;
                bestStep = p;
            }
        }
        for (int p : new int[] {bestStep - 1, bestStep + 1}) {
            if (p < 33 || p > 47 || p == ProfileEffects.FORMANT_STEPS) {
                continue;
            }
            VoiceProfile candidate = withFormant(profile, p);
            double s = similarity(candidate, embedding);
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = candidate;
            }
        }
        return best;
    }

    private static VoiceProfile withFormant(VoiceProfile p, int denominator) {
        return VoiceProfile.clamped(p.baseVoiceId(), p.pitchFactor(), p.pitchRangeFactor(), p.speedFactor(),
                (double) ProfileEffects.FORMANT_STEPS / denominator, p.breathiness());
    }

    private VoiceProfile bestBreath(VoiceProfile profile, float[] embedding) {
        VoiceProfile best = profile;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        for (double breath : BREATH_STEPS) {
            VoiceProfile candidate = VoiceProfile.clamped(profile.baseVoiceId(), profile.pitchFactor(),
                    profile.pitchRangeFactor(), profile.speedFactor(), profile.formantScale(), breath);
            double s = similarity(candidate, embedding);
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = candidate;
            }
        }
        return best;
    }

    private double similarity(VoiceProfile profile, float[] embedding) {
        return SpeakerEncoder.similarity(renderer.render(CHECK_SENTENCE, profile).embedding(), embedding);
    }

    private static double pitchFor(CloneTarget target, double measuredF0, double currentFactor) {
        if (measuredF0 <= 0) {
            return currentFactor;
        }
        return clamp(currentFactor * target.f0MedianHz() / measuredF0, VoiceProfile.MIN_PITCH, VoiceProfile.MAX_PITCH);
    }

    private void checkDimension(float[] embedding) {
        if (embedding.length != renderer.encoder().dimension()) {
            throw new IllegalArgumentException("target embedding has " + embedding.length + " dimensions, encoder "
                    + renderer.encoder().modelId() + " makes " + renderer.encoder().dimension());
        }
    }

    private static double spread(double p10, double p90) {
        return p10 > 0 && p90 > p10 ? Math.log(p90 / p10) : 0;
    }

    static double relativeError(double measured, double target) {
        return Math.abs(measured - target) / target;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
