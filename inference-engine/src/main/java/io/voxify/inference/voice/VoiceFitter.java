package io.voxify.inference.voice;

import io.voxify.inference.SpeechSynthesizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits a {@link VoiceProfile} to a {@link CloneTarget} by measurement: every decision is taken by
 * synthesising {@link #CHECK_SENTENCE} and measuring the result with the same tools that measured the
 * target. Takes a few seconds of CPU (some thirty syntheses of one sentence at {@link FitQuality#BALANCED}).
 *
 * <p>Thread-safe as far as the synthesizer and encoder are, which they are.
 */
public final class VoiceFitter {

    /** Varied consonants and vowels (all English vowel qualities but a few), voiced and voiceless. */
    public static final String CHECK_SENTENCE =
            "The quick brown fox jumps over the lazy dog, while five judges hear every voice sing a cheerful tune.";
    /** The second sentence of {@link FitQuality#BEST}: other consonant clusters, nasals and long vowels. */
    public static final String SECOND_CHECK_SENTENCE =
            "Six thin rods of gleaming metal were placed beside a warm yellow lamp in the hushed museum hall.";

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

    /** {@link #fit(CloneTarget, FitOptions, FitListener)} at {@link FitQuality#BALANCED} from the nearest base voice. */
    public VoiceProfile fit(CloneTarget target) {
        return fit(target, FitOptions.DEFAULT, FitListener.NONE).profile();
    }

    /**
     * Chooses the base voice (unless {@code options} names one), then sets pitch level, intonation range, speed,
     * formant scale and breathiness, in that order, each from measurements of the profile so far.
     *
     * <ol>
     *   <li>Base voice: among the English Flite voices (espeak-ng voices of the target's language otherwise),
     *       the one whose check sentence, shifted to the target's median F0, is most similar to the target
     *       embedding, less {@value #F0_WEIGHT}·|ln(F0 voice / F0 target)| so that a voice needing a smaller
     *       shift wins a close call (shifting costs naturalness). A base named in the options is used as it is,
     *       whatever its engine (a Piper voice too): the profile is applied in post-processing.</li>
     *   <li>Pitch: target median / measured median, corrected once more after measuring the result.</li>
     *   <li>Range: ln(p90/p10) of the target over that of the voice, clamped to 0.5–2.</li>
     *   <li>Speed: target syllable rate / measured syllable rate.</li>
     *   <li>Formant scale: the best embedding similarity over 0.85–1.21 (40/47 to 40/33).</li>
     *   <li>Breathiness: the best embedding similarity over a few levels from 0 to 0.75.</li>
     *   <li>Pitch again: formant shifting moves what the tracker hears by a few percent.</li>
     * </ol>
     *
     * <p>The quality sets the effort, counted in renderings (one synthesis of a check sentence, measured and
     * embedded: about 0.2 s of CPU with a Flite voice here; FitEffortTest measured 2.0, 4.0 and 10.9 s of CPU
     * for the three levels from a given base). With a given base and one candidate:
     * <table>
     *   <caption>Effort by quality</caption>
     *   <tr><th></th><th>fast</th><th>balanced</th><th>best</th></tr>
     *   <tr><td>base choice, per candidate</td><td>1 (F0 alone)</td><td>2 (F0 and similarity)</td>
     *       <td>3 (F0, similarity on 2 sentences)</td></tr>
     *   <tr><td>check sentences per similarity</td><td>1</td><td>1</td><td>2</td></tr>
     *   <tr><td>formant scales tried</td><td>4 (steps of ~8 %)</td><td>8 + 2 neighbours (~5 %, then ~2.5 %)</td>
     *       <td>14 (every ~2.5 % step)</td></tr>
     *   <tr><td>breathiness levels tried</td><td>2</td><td>5</td><td>8</td></tr>
     *   <tr><td>last pitch corrections</td><td>0</td><td>1</td><td>2</td></tr>
     *   <tr><td>renderings, given base</td><td>9</td><td>19</td><td>50</td></tr>
     *   <tr><td>renderings, 4 English candidates</td><td>12</td><td>26</td><td>61</td></tr>
     * </table>
     * The quality is always measured the same way afterwards ({@link #evaluate}), so clones fitted at different
     * levels can be compared.
     *
     * @throws IllegalArgumentException when the named base voice is not installed, or no built-in voice speaks
     *                                  the target's language
     */
    public FitReport fit(CloneTarget target, FitOptions options, FitListener listener) {
        float[] embedding = target.embedding();
        checkDimension(embedding);
        Effort effort = Effort.of(options.quality());
        List<String> candidates;
        if (options.baseVoiceId() != null) {
            if (!renderer.supports(options.baseVoiceId())) {
                throw new IllegalArgumentException("base voice " + options.baseVoiceId() + " is not installed here");
            }
            candidates = List.of(options.baseVoiceId());
        } else {
            candidates = candidates(target.language());
        }
        Run run = new Run(listener == null ? FitListener.NONE : listener, effort.plannedRenders(candidates.size()));
        String baseVoice =
                candidates.size() == 1 ? candidates.get(0) : chooseBase(run, effort, target, embedding, candidates);

        run.stage = "fitting pitch, intonation and speed";
        ProfileRenderer.Rendering neutral = run.neutral(baseVoice);
        double pitch = pitchFor(target, neutral.measures().f0MedianHz(), 1.0);
        double range = clamp(
                spread(target.f0P10Hz(), target.f0P90Hz())
                        / Math.max(
                                1e-3,
                                spread(
                                        neutral.measures().f0P10Hz(),
                                        neutral.measures().f0P90Hz())),
                MIN_RANGE,
                MAX_RANGE);
        VoiceProfile profile = VoiceProfile.clamped(baseVoice, pitch, range, 1, 1, 0);
        ProfileRenderer.Rendering shifted = run.render(CHECK_SENTENCE, profile);
        pitch = pitchFor(target, shifted.measures().f0MedianHz(), pitch);
        double speed = shifted.measures().syllableRate() > 0
                ? target.speakingRate() / shifted.measures().syllableRate()
                : 1;
        profile = VoiceProfile.clamped(baseVoice, pitch, range, speed, 1, 0);

        profile = bestFormant(run, effort, profile, embedding);
        profile = bestBreath(run, effort, profile, embedding);

        // Formant shifting resamples before the pitch shift; what the tracker then hears can drift by a few
        // percent, so the pitch gets a last correction.
        run.stage = "correcting pitch";
        for (int pass = 0; pass < effort.finalPitchPasses(); pass++) {
            ProfileRenderer.Rendering fitted = run.render(CHECK_SENTENCE, profile);
            pitch = pitchFor(target, fitted.measures().f0MedianHz(), profile.pitchFactor());
            profile = VoiceProfile.clamped(
                    baseVoice,
                    pitch,
                    profile.pitchRangeFactor(),
                    profile.speedFactor(),
                    profile.formantScale(),
                    profile.breathiness());
        }
        return new FitReport(
                profile, options.quality(), candidates, effort.sentences().size(), run.renders, run.seconds);
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
        double timbreScore =
                clamp(0.5 + (similarity - defaultSimilarity) / Math.max(1e-6, 1 - defaultSimilarity), 0, 1);
        return new CloneEvaluation(
                f0, f0Error, similarity, defaultError, defaultSimilarity, 0.5 * pitchScore + 0.5 * timbreScore);
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

    private String chooseBase(Run run, Effort effort, CloneTarget target, float[] embedding, List<String> candidates) {
        run.stage = "choosing the base voice";
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (String voice : candidates) {
            double f0 = run.neutral(voice).measures().f0MedianHz();
            if (f0 <= 0) {
                run.skip(effort.baseBySimilarity() ? effort.sentences().size() : 0);
                continue;
            }
            double similarity = 0;
            if (effort.baseBySimilarity()) {
                VoiceProfile shifted = VoiceProfile.clamped(voice, target.f0MedianHz() / f0, 1, 1, 1, 0);
                similarity = similarity(run, effort, shifted, embedding);
            }
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

    private VoiceProfile bestFormant(Run run, Effort effort, VoiceProfile profile, float[] embedding) {
        run.stage = "fitting the formants";
        VoiceProfile best = profile;
        double bestSimilarity = similarity(run, effort, profile, embedding);
        int bestStep = ProfileEffects.FORMANT_STEPS;
        for (int p : effort.formantSteps()) {
            VoiceProfile candidate = withFormant(profile, p);
            double s = similarity(run, effort, candidate, embedding);
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = candidate;
                bestStep = p;
            }
        }
        if (!effort.formantNeighbours()) {
            return best;
        }
        for (int p : new int[] {bestStep - 1, bestStep + 1}) {
            if (p < 33 || p > 47 || p == ProfileEffects.FORMANT_STEPS) {
                run.skip(effort.sentences().size());
                continue;
            }
            VoiceProfile candidate = withFormant(profile, p);
            double s = similarity(run, effort, candidate, embedding);
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = candidate;
            }
        }
        return best;
    }

    private static VoiceProfile withFormant(VoiceProfile p, int denominator) {
        return VoiceProfile.clamped(
                p.baseVoiceId(),
                p.pitchFactor(),
                p.pitchRangeFactor(),
                p.speedFactor(),
                (double) ProfileEffects.FORMANT_STEPS / denominator,
                p.breathiness());
    }

    private VoiceProfile bestBreath(Run run, Effort effort, VoiceProfile profile, float[] embedding) {
        run.stage = "fitting breathiness";
        VoiceProfile best = profile;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        for (double breath : effort.breathSteps()) {
            VoiceProfile candidate = VoiceProfile.clamped(
                    profile.baseVoiceId(),
                    profile.pitchFactor(),
                    profile.pitchRangeFactor(),
                    profile.speedFactor(),
                    profile.formantScale(),
                    breath);
            double s = similarity(run, effort, candidate, embedding);
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = candidate;
            }
        }
        return best;
    }

    /** Mean similarity to the target over the effort's check sentences. */
    private double similarity(Run run, Effort effort, VoiceProfile profile, float[] embedding) {
        double sum = 0;
        for (String sentence : effort.sentences()) {
            sum += SpeakerEncoder.similarity(run.render(sentence, profile).embedding(), embedding);
        }
        return sum / effort.sentences().size();
    }

    /**
     * How much searching one quality level does; see {@link #fit(CloneTarget, FitOptions, FitListener)}.
     *
     * @param formantSteps denominators p of the formant scales 40/p tried (40 itself, the neutral scale, is
     *                     always measured first)
     */
    private record Effort(
            boolean baseBySimilarity,
            List<String> sentences,
            int[] formantSteps,
            boolean formantNeighbours,
            double[] breathSteps,
            int finalPitchPasses) {

        static Effort of(FitQuality quality) {
            return switch (quality) {
                case FAST ->
                    new Effort(
                            false,
                            List.of(CHECK_SENTENCE),
                            new int[] {46, 43, 37, 34},
                            false,
                            new double[] {0, 0.3},
                            0);
                case BALANCED ->
                    new Effort(
                            true,
                            List.of(CHECK_SENTENCE),
                            new int[] {47, 45, 43, 41, 39, 37, 35, 33},
                            true,
                            BREATH_STEPS,
                            1);
                case BEST ->
                    new Effort(
                            true,
                            List.of(CHECK_SENTENCE, SECOND_CHECK_SENTENCE),
                            new int[] {47, 46, 45, 44, 43, 42, 41, 39, 38, 37, 36, 35, 34, 33},
                            false,
                            new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75},
                            2);
            };
        }

        /** Renderings of a whole fit, every planned one counted (a skipped one is counted as done). */
        int plannedRenders(int candidates) {
            int n = sentences.size();
            int choice = candidates > 1 ? candidates * (1 + (baseBySimilarity ? n : 0)) : 0;
            int neutral = candidates > 1 ? 0 : 1;
            int formant = n * (1 + formantSteps.length + (formantNeighbours ? 2 : 0));
            return choice + neutral + 1 + formant + n * breathSteps.length + finalPitchPasses;
        }
    }

    /** One fit's renderings: counted, timed in speech seconds, reported to the listener. */
    private final class Run {
        private final FitListener listener;
        private final int planned;
        private final Map<String, ProfileRenderer.Rendering> neutral = new HashMap<>();
        private String stage = "starting";
        private int done;
        private int renders;
        private double seconds;

        Run(FitListener listener, int planned) {
            this.listener = listener;
            this.planned = planned;
        }

        /** The voice as it is, on the first check sentence; rendered once per fit (the base choice needs it too). */
        ProfileRenderer.Rendering neutral(String voice) {
            ProfileRenderer.Rendering cached = neutral.get(voice);
            if (cached == null) {
                cached = render(CHECK_SENTENCE, VoiceProfile.neutral(voice));
                neutral.put(voice, cached);
            }
            return cached;
        }

        ProfileRenderer.Rendering render(String text, VoiceProfile profile) {
            ProfileRenderer.Rendering rendering = renderer.render(text, profile);
            renders++;
            seconds += rendering.seconds();
            advance(1);
            return rendering;
        }

        void skip(int steps) {
            if (steps > 0) {
                advance(steps);
            }
        }

        private void advance(int steps) {
            done = Math.min(planned, done + steps);
            listener.step(stage, done, planned);
        }
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
                    + renderer.encoder().modelId() + " makes "
                    + renderer.encoder().dimension());
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
