package io.voxify.inference;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.voxify.inference.audio.AudioEncoder;
import io.voxify.inference.audio.Dynamics;
import io.voxify.inference.audio.Pauses;
import io.voxify.inference.audio.PitchShifter;
import io.voxify.inference.audio.Resampler;
import io.voxify.inference.audio.Silence;
import io.voxify.inference.audio.TimeStretcher;
import io.voxify.inference.engine.EngineAudio;
import io.voxify.inference.engine.EspeakEngine;
import io.voxify.inference.piper.PiperVoice;
import io.voxify.inference.piper.PiperVoices;
import io.voxify.inference.ssml.Prosody;
import io.voxify.inference.ssml.SsmlDocument;
import io.voxify.inference.ssml.SsmlParser;
import io.voxify.inference.ssml.SsmlPiece;
import io.voxify.inference.engine.FliteEngine;
import io.voxify.inference.engine.WordTiming;
import io.voxify.inference.text.NormalizedText;
import io.voxify.inference.text.SentenceSplitter;
import io.voxify.inference.text.LanguageFrontEnd;
import io.voxify.inference.text.TextSpan;
import io.voxify.inference.voice.ProfileEffects;
import io.voxify.inference.voice.VoiceProfile;

/**
 * Text to encoded speech with the built-in voices: Flite (English) and espeak-ng (many languages), both
 * in-process. The pipeline per request: split into sentences, normalise English text, synthesise each
 * sentence, trim its edge silence, apply pitch and speed where the engine cannot, resample, join with
 * pauses, apply volume with a soft limiter, encode, and map the engines' word timings onto the output.
 * An SSML request ({@link SynthesisRequest#ssml()}) goes through the same pipeline: {@link SsmlParser} turns
 * the document into text with its own prosody and language, silences and marks (see {@code ssmlSteps}).
 *
 * <p>Thread-safe. Native engines load on first use and are shared by every instance in the process.
 */
public final class SpeechSynthesizer implements AutoCloseable {

    public static final Set<Integer> SAMPLE_RATES = Set.of(8000, 16000, 22050, 24000, 44100, 48000);
    /**
     * About ten minutes of speech. The whole result is built in memory (float PCM plus its encoding), which
     * for 48 kHz output is roughly 250 MB per hour of audio; longer texts belong in several requests.
     */
    public static final int MAX_TEXT_CHARS = 10_000;

    static final double SENTENCE_GAP_SECONDS = 0.25;
    /** Silence kept at each edge of a sentence when trimming what the engine produced. */
    static final double EDGE_SECONDS = 0.03;
    /** A silence between two words shorter than this is part of the speech, not a pause. */
    public static final double MIN_WORD_GAP_SECONDS = 0.02;

    /** espeak-ng's base pitch setting against the median F0 it produces, measured on en-us (50 = voice default). */
    private static final int[] ESPEAK_PITCH_SETTING = {0, 25, 50, 75, 100};
    private static final double[] ESPEAK_PITCH_FACTOR = {0.655, 0.795, 1.0, 1.282, 1.675};
    /**
     * espeak-ng's rate setting against the speed it produces, measured; the relation is not linear and above
     * 400 words per minute the speech gets no faster, so faster requests are time-stretched after synthesis.
     */
    private static final int[] ESPEAK_RATE_SETTING = {80, 100, 125, 150, 175, 200, 250, 300, 350, 400};
    private static final double[] ESPEAK_RATE_SPEED = {0.491, 0.579, 0.715, 0.855, 1.0, 1.131, 1.396, 1.687, 1.977, 2.319};

    /** espeak-ng voices offered with a female variant as well. */
    private static final List<String> FEMALE_VARIANT_LANGUAGES = List.of("en-us", "en-gb", "de", "fr-fr", "es", "it",
            "pt-br");
    private static final String FEMALE_VARIANT = "f3";

    private final Object loadLock = new Object();
    private volatile boolean loaded;
    private volatile boolean closed;
    private FliteEngine flite;
    private EspeakEngine espeak;
    private Map<String, VoiceInfo> catalogue = Map.of();
    private final java.nio.file.Path piperDirectory;
    private final double sentencePauseSeconds;
    private Map<String, io.voxify.inference.piper.PiperVoice> piperVoices = Map.of();
    private final List<io.voxify.inference.piper.PiperVoice> retiredPiperVoices = new ArrayList<>();
    /** Multi-speaker Piper voices appear once per speaker: voice id to the model's speaker id. */
    private Map<String, Integer> piperSpeakers = Map.of();
    /** Our espeak voice ids and aliases ("espeak:fr", "espeak:en") to the name espeak-ng selects by. */
    private Map<String, String> espeakNames = Map.of();

    /** Built-in voices only. */
    public SpeechSynthesizer() {
        this(null);
    }

    /**
     * Built-in voices plus the Piper voices ({@code name.onnx} with {@code name.onnx.json}) found in
     * {@code piperDirectory} when the voices are first needed; a missing directory means none.
     */
    public SpeechSynthesizer(java.nio.file.Path piperDirectory) {
        this(piperDirectory, SENTENCE_GAP_SECONDS);
    }

    /** As above, with the silence put between sentences (0 to 2 s). */
    public SpeechSynthesizer(java.nio.file.Path piperDirectory, double sentencePauseSeconds) {
        this(piperDirectory, sentencePauseSeconds, null);
    }

    /**
     * As above; {@code espeakDataRoot} gives espeak-ng a data directory of its own, where clone
     * profiles become voice variants. The engine is initialised once per process: the first
     * synthesizer's root is the one used.
     */
    public SpeechSynthesizer(java.nio.file.Path piperDirectory, double sentencePauseSeconds,
                             java.nio.file.Path espeakDataRoot) {
        SharedEngines.requestEspeakDataRoot(espeakDataRoot);
        if (!(sentencePauseSeconds >= 0 && sentencePauseSeconds <= 2)) {
            throw new IllegalArgumentException("sentence pause must be 0 to 2 s, not " + sentencePauseSeconds);
        }
        this.piperDirectory = piperDirectory;
        this.sentencePauseSeconds = sentencePauseSeconds;
    }

    public List<VoiceInfo> voices() {
        ensureLoaded();
        return List.copyOf(catalogue.values());
    }

    public boolean supports(String voiceId) {
        return resolve(voiceId) != null;
    }

    public SynthesisResult synthesize(SynthesisRequest request, ProgressListener listener) {
        return synthesize(request, listener, AudioListener.NONE);
    }

    /** As above, handing each sentence's finished audio to {@code audio} as soon as it is made. */
    public SynthesisResult synthesize(SynthesisRequest request, ProgressListener listener, AudioListener audio) {
        Settings settings = validate(request);
        return synthesize(request, request.voiceId(), settings, listener, audio);
    }

    /**
     * The IPA phonemes an espeak-ng voice speaks for the text, after the same language front-end as synthesis
     * (so Japanese kanji arrive as their readings). Words the voice reads in another language show up inside
     * espeak-ng's switch marks, as in "(en)tʃˈaɪniːz(ja)": that is how a voice not reading its script shows.
     */
    public String phonemes(String voiceId, String text) {
        Voice voice = resolve(voiceId);
        if (voice == null || voice.flite()) {
            throw new SynthesisException(SynthesisException.UNKNOWN_VOICE, "no espeak-ng voice: " + voiceId);
        }
        if (text == null || text.isBlank()) {
            throw new SynthesisException(SynthesisException.EMPTY_TEXT, "text is empty");
        }
        return espeak.phonemes(voice.engineName(), LanguageFrontEnd.forLanguage(voice.language())
                .prepare(text, 0, text.length()).text());
    }

    /**
     * Speaks with a cloned voice's profile: the profile's base voice (the request's voice id is ignored), its
     * pitch, intonation range and speed multiplied onto the request's own and the emotion's, then its formant
     * scale and breathiness, and its pause factor on the silence between sentences and on the pauses inside
     * them ({@link Pauses}: the word timestamps move with them). Formants move by resampling (every frequency scaled) followed by the
     * formant-preserving pitch shift and the time stretch that put F0 and duration back; breath is shaped
     * noise. Both engines get these in post-processing: espeak-ng's voice variants could do formants and
     * breath natively, but its data path is fixed for the process at initialisation (the system's), so the
     * engine has no directory of its own to write per-clone variants into.
     */
    public SynthesisResult synthesize(SynthesisRequest request, VoiceProfile profile, ProgressListener listener) {
        return synthesize(request, profile, listener, AudioListener.NONE);
    }

    /** As above, handing each sentence's finished audio to {@code audio} as soon as it is made. */
    public SynthesisResult synthesize(SynthesisRequest request, VoiceProfile profile, ProgressListener listener,
                                      AudioListener audio) {
        if (profile == null) {
            throw new SynthesisException(SynthesisException.INVALID_PARAMETER, "voice profile is missing");
        }
        Settings base = validate(request);
        String variant = nativeVariant(profile);
        double formant = variant == null ? profile.formantScale() : 1.0;
        double breath = variant == null ? profile.breathiness() : 0.0;
        Settings settings = new Settings(base.speed() * profile.speedFactor(), base.pitch() * profile.pitchFactor(),
                base.range() * profile.pitchRangeFactor(), base.volume(), base.format(), base.sampleRate(),
                base.sentenceGranularity(), formant, breath, profile.pauseFactor());
        return synthesize(request, variant == null ? profile.baseVoiceId() : profile.baseVoiceId() + "+" + variant,
                settings, listener, audio);
    }

    /**
     * For an espeak-ng base voice (without a variant of its own) in an engine-owned data directory,
     * the profile's formant scale and breathiness become a voice variant file, so espeak-ng shapes
     * them natively; elsewhere they are applied in post-processing. Returns the variant's name.
     */
    private String nativeVariant(VoiceProfile profile) {
        ensureLoaded();
        String base = profile.baseVoiceId().toLowerCase(Locale.ROOT);
        if (espeak == null || !base.startsWith("espeak:") || base.contains("+") || !espeak.variantsWritable()
                || (Math.abs(profile.formantScale() - 1) < 1e-6 && profile.breathiness() <= 0)) {
            return null;
        }
        String name = variantName(profile);
        if (!espeak.hasVariant(name)) {
            int f = (int) Math.round(100 * profile.formantScale());
            int breath = (int) Math.round(profile.breathiness() * 30);
            StringBuilder content = new StringBuilder("name voxify-clone\nlanguage variant\n");
            for (int formant = 1; formant <= 5; formant++) {
                content.append("formant ").append(formant).append(' ').append(f).append(" 100 100\n");
            }
            if (breath > 0) {
                content.append("breath 0 ").append(breath).append(' ').append(breath).append(' ').append(breath)
                        .append(' ').append(breath).append(' ').append(breath).append(' ').append(breath).append(" 0\n");
            }
            espeak.writeVariant(name, content.toString());
        }
        return name;
    }

    private static String variantName(VoiceProfile profile) {
        long f = Math.round(profile.formantScale() * 1000);
        long b = Math.round(profile.breathiness() * 1000);
        return "vx" + Long.toString(f, 36) + "b" + Long.toString(b, 36);
    }

    /** Where profile variants are kept: the engine is process-wide, so this is the first synthesizer's root. */
    public java.util.Optional<java.nio.file.Path> variantDirectory() {
        ensureLoaded();
        return espeak == null ? java.util.Optional.empty() : espeak.ownedVariantsDirectory();
    }

    /** Removes the variant file a profile needed, if any (the clone it belonged to is gone). */
    public void forgetProfile(VoiceProfile profile) {
        ensureLoaded();
        if (espeak != null && espeak.variantsWritable() && profile.baseVoiceId().toLowerCase(Locale.ROOT).startsWith("espeak:")) {
            espeak.deleteVariant(variantName(profile));
        }
    }

    private SynthesisResult synthesize(SynthesisRequest request, String voiceId, Settings settings,
                                       ProgressListener listener, AudioListener audioListener) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        Voice voice = resolve(voiceId);
        if (voice == null) {
            throw new SynthesisException(SynthesisException.UNKNOWN_VOICE, "unknown voice: " + voiceId);
        }

        progress.onProgress(10, "Preparing text");
        String text = request.text();
        List<Step> steps = request.ssml() ? ssmlSteps(text, voice, settings) : plainSteps(text, voice, settings);
        List<Say> says = steps.stream().filter(Say.class::isInstance).map(Say.class::cast).toList();
        if (says.isEmpty()) {
            throw new SynthesisException(SynthesisException.EMPTY_TEXT, "text has nothing to speak");
        }
        progress.onProgress(25, "Text prepared: " + says.size() + (says.size() == 1 ? " sentence" : " sentences"));

        Assembly assembly = new Assembly(text, steps, settings.sampleRate(), audioListener);
        io.voxify.inference.piper.PiperVoice.Utterance utterance = null;
        Voice utteranceVoice = null;
        double utteranceSpeed = 0;
        for (int i = 0; i < says.size(); i++) {
            Say say = says.get(i);
            Voice v = say.voice();
            if (v.piper() != null) {
                // One utterance per run of sentences for one Piper voice at one speed (see piperSentence).
                if (utterance == null || !v.equals(utteranceVoice) || say.settings().speed() != utteranceSpeed) {
                    utterance = v.piper().utterance(say.settings().speed(), v.speaker());
                    utteranceVoice = v;
                    utteranceSpeed = say.settings().speed();
                }
                assembly.spoken(say, piperSentence(v, utterance, say.text()));
            } else {
                utterance = null;
                assembly.spoken(say, v.flite() ? flite.synthesize(v.engineName(), say.text().text(), 1.0 / say.settings().speed())
                        : espeak.synthesize(v.engineName(), say.text().text(), espeakProsody(say.settings())));
            }
            progress.onProgress(25 + 60.0 * (i + 1) / says.size(),
                    "Synthesised sentence " + (i + 1) + " of " + says.size());
        }
        int rate = settings.sampleRate();
        float[] pcm = assembly.finish(voiceId);
        progress.onProgress(90, "Post-processing done");

        byte[] audio = AudioEncoder.encode(pcm, rate, settings.format());
        progress.onProgress(95, "Encoded " + settings.format().toUpperCase(Locale.ROOT));

        List<Timestamp> timestamps = !request.includeTimestamps() ? List.of()
                : settings.sentenceGranularity() ? assembly.sentenceStamps : assembly.words;
        long cpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() - cpuStart : 0;
        progress.onProgress(99, "Done");
        return new SynthesisResult(audio, settings.format(), AudioEncoder.contentType(settings.format()), rate, 1,
                (double) pcm.length / rate, timestamps, cpu);
    }

    /**
     * Puts the output together in step order as the sentences are spoken: each step is placed as soon as
     * every sentence up to it has audio, so a listener hears the first sentence while the rest are still
     * being synthesised. Each piece is post-processed, given its volume and limited (the limiter works
     * sample by sample, so limiting piece by piece is limiting the whole) before it is handed on.
     */
    private final class Assembly {
        private final String text;
        private final List<Step> steps;
        private final int rate;
        private final AudioListener listener;
        private final Map<Say, EngineAudio> spoken = new java.util.IdentityHashMap<>();
        private final List<float[]> pieces = new ArrayList<>();
        private final List<Timestamp> words = new ArrayList<>();
        private final List<Timestamp> sentenceStamps = new ArrayList<>();
        private final List<MarkAt> pendingMarks = new ArrayList<>();
        private int next;
        private int naturalGap;
        private int position;
        private boolean spokeAny;

        Assembly(String text, List<Step> steps, int rate, AudioListener listener) {
            this.text = text;
            this.steps = steps;
            this.rate = rate;
            this.listener = listener == null ? AudioListener.NONE : listener;
        }

        /** Records a sentence's engine audio and places every step that is now ready. */
        void spoken(Say say, EngineAudio audio) {
            spoken.put(say, audio);
            while (next < steps.size() && (!(steps.get(next) instanceof Say s) || spoken.containsKey(s))) {
                place(steps.get(next++));
            }
        }

        private void emit(float[] piece) {
            pieces.add(piece);
            position += piece.length;
            if (piece.length > 0) {
                listener.onAudio(piece, rate);
            }
        }

        private void place(Step step) {
            if (step instanceof MarkAt mark) {
                pendingMarks.add(mark);
                return;
            }
            if (step instanceof Pause pause) {
                placeMarks(pendingMarks, position, rate, words, sentenceStamps);
                emit(new float[(int) Math.round(pause.seconds() * rate)]);
                naturalGap = 0; // an explicit break replaces the pause between sentences
                return;
            }
            Say say = (Say) step;
            EngineAudio audio = spoken.remove(say);
            if (audio.words().isEmpty()) {
                // The engine found no word to say (e.g. a script its front-end does not read); what it returns
                // then is a breath of near-silence, not speech.
                return;
            }
            Processed p = postProcess(audio, say.voice(), say.settings(), rate);
            if (p.samples().length == 0) {
                return;
            }
            if (position > 0 && naturalGap > 0) {
                emit(new float[naturalGap]);
            }
            placeMarks(pendingMarks, position, rate, words, sentenceStamps);
            float[] samples = p.samples();
            // Each sentence gets its own volume (SSML can change it mid-text), then the limiter.
            float gain = (float) say.settings().volume();
            for (int k = 0; k < samples.length; k++) {
                samples[k] *= gain;
            }
            Dynamics.applyGain(samples, 1.0);
            double offset = (double) position / rate;
            double chunkEnd = offset + (double) samples.length / rate;
            List<Timestamp> chunkWords = mapWords(text, say.text(), p.words(), offset, chunkEnd);
            words.addAll(chunkWords);
            double sentenceStart = chunkWords.isEmpty() ? offset : Math.min(offset + EDGE_SECONDS, chunkWords.get(0).start());
            double sentenceEnd = chunkWords.isEmpty() ? chunkEnd
                    : Math.max(chunkEnd - EDGE_SECONDS, chunkWords.get(chunkWords.size() - 1).end());
            sentenceStamps.add(new Timestamp(say.sentence().text(), "sentence", round(sentenceStart),
                    round(sentenceEnd), say.sentence().start(), say.sentence().end()));
            emit(samples);
            spokeAny = true;
            naturalGap = say.endsSentence()
                    ? (int) Math.round(sentencePauseSeconds * say.settings().pauseFactor() * rate) : 0;
        }

        /** The whole output; throws when nothing was spoken. */
        float[] finish(String voiceId) {
            while (next < steps.size()) {
                place(steps.get(next++)); // only marks and pauses can be left: every sentence has been spoken
            }
            placeMarks(pendingMarks, position, rate, words, sentenceStamps);
            if (!spokeAny) {
                throw new SynthesisException(SynthesisException.EMPTY_TEXT,
                        "voice " + voiceId + " produced no audio for this text (is it in the voice's language?)");
            }
            float[] pcm = new float[position];
            int at = 0;
            for (float[] piece : pieces) {
                System.arraycopy(piece, 0, pcm, at, piece.length);
                at += piece.length;
            }
            return pcm;
        }
    }

    /**
     * A sentence of a Piper utterance, spoken and normalised at once so a stream can play it while the rest
     * are synthesised (the utterance's gain only falls, so its sentences do not jump in loudness), with
     * espeak-ng phonemes; speed goes to the model's length scale. The model gives no word durations, so the
     * sentence is one timed unit.
     */
    private EngineAudio piperSentence(Voice voice, io.voxify.inference.piper.PiperVoice.Utterance utterance,
                                      NormalizedText sentence) {
        float[] samples = utterance.speak(espeak.phonemes(voice.engineName(), sentence.text()));
        int rate = voice.piper().sampleRate();
        List<WordTiming> whole = samples.length == 0 ? List.of()
                : List.of(new WordTiming(0, sentence.text().length(), 0, (double) samples.length / rate));
        return new EngineAudio(samples, rate, whole);
    }

    private record Settings(double speed, double pitch, double range, double volume, String format, int sampleRate,
                            boolean sentenceGranularity, double formantScale, double breathiness, double pauseFactor) {
    }

    /** What the audio is made of, in order: speech, silence and named instants. */
    private sealed interface Step {
    }

    /**
     * One sentence (or, in SSML, the part of one with its own settings) for one voice. {@code sentence} is what
     * sentence timestamps show; {@code endsSentence} puts the pause between sentences after it.
     */
    private record Say(Voice voice, TextSpan sentence, NormalizedText text, Settings settings, boolean endsSentence)
            implements Step {
    }

    private record Pause(double seconds) implements Step {
    }

    private record MarkAt(String name, int offset) implements Step {
    }

    private List<Step> plainSteps(String text, Voice voice, Settings settings) {
        LanguageFrontEnd frontEnd = LanguageFrontEnd.forLanguage(voice.language());
        List<Step> steps = new ArrayList<>();
        for (TextSpan s : SentenceSplitter.split(text)) {
            steps.add(new Say(voice, s, frontEnd.prepare(text, s.start(), s.end()), settings, true));
        }
        return steps;
    }

    /**
     * An SSML document as steps: its text split into sentences as plain text is, each read by the front-end of
     * the voice speaking it and traced back to the document; prosody multiplies the request's settings (kept
     * within the API's ranges); breaks are silence; marks are instants.
     */
    private List<Step> ssmlSteps(String document, Voice voice, Settings settings) {
        SsmlDocument parsed = SsmlParser.parse(document, MAX_TEXT_CHARS);
        List<Step> steps = new ArrayList<>();
        for (SsmlPiece piece : parsed.pieces()) {
            if (piece instanceof SsmlPiece.Pause pause) {
                steps.add(new Pause(pause.seconds()));
            } else if (piece instanceof SsmlPiece.Mark mark) {
                steps.add(new MarkAt(mark.name(), mark.offset()));
            } else if (piece instanceof SsmlPiece.Speech speech) {
                Voice v = voiceFor(voice, speech.language());
                Prosody p = speech.prosody();
                Settings s = new Settings(clamp(settings.speed() * p.rate(), 0.5, 3.0),
                        clamp(settings.pitch() * p.pitch(), 0.5, 2.0), settings.range(),
                        clamp(settings.volume() * p.volume(), 0.0, 2.0), settings.format(), settings.sampleRate(),
                        settings.sentenceGranularity(), settings.formantScale(), settings.breathiness(),
                        settings.pauseFactor());
                NormalizedText spoken = speech.textFor(v.language());
                LanguageFrontEnd frontEnd = LanguageFrontEnd.forLanguage(v.language());
                List<TextSpan> sentences = SentenceSplitter.split(spoken.text());
                for (int i = 0; i < sentences.size(); i++) {
                    TextSpan span = sentences.get(i);
                    int[] range = spoken.sourceRange(span.start(), span.end());
                    boolean last = i == sentences.size() - 1;
                    steps.add(new Say(v, new TextSpan(span.text(), range[0], range[1]),
                            frontEnd.prepare(spoken.text(), span.start(), span.end()).through(spoken), s,
                            !last || endsSentence(span.text())));
                }
            }
        }
        return steps;
    }

    private static boolean endsSentence(String text) {
        String t = text.strip().replaceAll("[\"'”’)\\]]+$", "");
        return !t.isEmpty() && ".!?。！？…".indexOf(t.charAt(t.length() - 1)) >= 0;
    }

    /**
     * The voice for an SSML {@code <lang>}: an espeak-ng voice speaks it with the espeak-ng voice of that
     * language (the exact tag, else its primary language); Flite and Piper voices keep speaking their own
     * language and hand any other to espeak-ng's voice for it. A language espeak-ng lacks is read by the
     * request's voice.
     */
    private Voice voiceFor(Voice voice, String language) {
        if (language == null || language.equalsIgnoreCase(voice.language())) {
            return voice;
        }
        String primary = language.split("-", 2)[0];
        boolean samePrimary = primary.equalsIgnoreCase(voice.language().split("[-_]", 2)[0]);
        if (voice.flite() || voice.piper() != null) {
            if (samePrimary) {
                return voice;
            }
        } else {
            Voice exact = resolve("espeak:" + language);
            if (exact != null) {
                return exact;
            }
            if (samePrimary) {
                return voice;
            }
        }
        Voice other = resolve("espeak:" + language);
        if (other == null) {
            other = resolve("espeak:" + primary);
        }
        return other != null ? other : voice;
    }

    private static void placeMarks(List<MarkAt> marks, int position, int rate, List<Timestamp> words,
                                   List<Timestamp> sentences) {
        for (MarkAt mark : marks) {
            double time = Math.floor((double) position / rate * 1e4) / 1e4; // never past the end of the audio
            Timestamp stamp = new Timestamp(mark.name(), Timestamp.MARK, time, time, mark.offset(), mark.offset());
            words.add(stamp);
            sentences.add(stamp);
        }
        marks.clear();
    }

    private record Processed(float[] samples, List<WordTiming> words) {
    }

    private static Settings validate(SynthesisRequest r) {
        if (r == null || r.text() == null || r.text().isBlank()) {
            throw new SynthesisException(SynthesisException.EMPTY_TEXT, "text is empty");
        }
        // Characters are code points, as the API counts them (an emoji is one character, not two).
        int characters = r.text().codePointCount(0, r.text().length());
        if (characters > MAX_TEXT_CHARS) {
            throw new SynthesisException(SynthesisException.TEXT_TOO_LONG,
                    "text has " + characters + " characters, at most " + MAX_TEXT_CHARS + " are accepted");
        }
        requireRange("speed", r.speed(), 0.5, 3.0);
        requireRange("pitch", r.pitch(), 0.5, 2.0);
        requireRange("volume", r.volume(), 0.0, 2.0);
        Emotion emotion = Emotion.parse(r.emotion());
        String format = r.format() == null ? "wav" : r.format().trim().toLowerCase(Locale.ROOT);
        if (!AudioEncoder.supports(format)) {
            throw new SynthesisException(SynthesisException.UNSUPPORTED_FORMAT,
                    "format must be wav, mp3 or flac: " + r.format());
        }
        if (!SAMPLE_RATES.contains(r.sampleRate())) {
            throw new SynthesisException(SynthesisException.UNSUPPORTED_SAMPLE_RATE,
                    "sample rate must be one of 8000, 16000, 22050, 24000, 44100, 48000: " + r.sampleRate());
        }
        if (r.textFormat() != null && !r.textFormat().equals(SynthesisRequest.PLAIN) && !r.ssml()) {
            throw new SynthesisException(SynthesisException.INVALID_PARAMETER,
                    "text format must be plain or ssml: " + r.textFormat());
        }
        String granularity = r.timestampGranularity() == null ? "word" : r.timestampGranularity().trim().toLowerCase(Locale.ROOT);
        if (!granularity.equals("word") && !granularity.equals("sentence")) {
            throw new SynthesisException(SynthesisException.INVALID_PARAMETER,
                    "timestamp granularity must be word or sentence: " + r.timestampGranularity());
        }
        return new Settings(r.speed() * emotion.speed(), r.pitch() * emotion.pitch(), emotion.range(),
                r.volume() * emotion.volume(), format, r.sampleRate(), granularity.equals("sentence"), 1.0, 0.0, 1.0);
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new SynthesisException(SynthesisException.INVALID_PARAMETER,
                    name + " must be between " + min + " and " + max + ": " + value);
        }
    }

    private static EspeakEngine.Prosody espeakProsody(Settings s) {
        int rate = (int) Math.round(interpolate(ESPEAK_RATE_SPEED, ESPEAK_RATE_SETTING, s.speed()));
        int pitch = (int) Math.round(interpolate(ESPEAK_PITCH_FACTOR, ESPEAK_PITCH_SETTING, s.pitch()));
        int range = (int) Math.round(Math.max(0, Math.min(100, 50 * s.range())));
        return new EspeakEngine.Prosody(rate, pitch, range);
    }

    /** What espeak-ng's settings leave of the requested factor, for post-processing to do. */
    private static double espeakRemainder(double[] factors, double requested) {
        double achievable = Math.max(factors[0], Math.min(factors[factors.length - 1], requested));
        return requested / achievable;
    }

    /** Piecewise-linear inverse of a measured table, clamped to its ends. */
    private static double interpolate(double[] xs, int[] ys, double x) {
        if (x <= xs[0]) {
            return ys[0];
        }
        for (int i = 1; i < xs.length; i++) {
            if (x <= xs[i]) {
                double t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
                return ys[i - 1] + t * (ys[i] - ys[i - 1]);
            }
        }
        return ys[ys.length - 1];
    }

    private static Processed postProcess(EngineAudio raw, Voice voice, Settings s, int outRate) {
        int rate = raw.sampleRate();
        float[] x = raw.samples();
        int[] bounds = Silence.speechBounds(x, rate);
        if (bounds[1] <= bounds[0]) {
            return new Processed(new float[0], List.of());
        }
        int edge = (int) Math.round(EDGE_SECONDS * rate);
        int from = Math.max(0, bounds[0] - edge);
        int to = Math.min(x.length, bounds[1] + edge);
        x = Arrays.copyOfRange(x, from, to);
        double shift = (double) from / rate;
        Pauses.Scaled paused = Pauses.scale(x, rate, gapsBetweenWords(raw.words(), from, x.length, rate),
                s.pauseFactor());
        x = paused.samples();
        double pitchRatio;
        double rangeFactor;
        double stretch;
        if (voice.shiftedAfterwards()) {
            pitchRatio = s.pitch();
            rangeFactor = s.range();
            stretch = 1.0;
        } else {
            pitchRatio = espeakRemainder(ESPEAK_PITCH_FACTOR, s.pitch());
            rangeFactor = 1.0;
            stretch = espeakRemainder(ESPEAK_RATE_SPEED, s.speed());
        }
        double formant = ProfileEffects.quantizeFormantScale(s.formantScale());
        if (Math.abs(formant - 1) > 1e-6) {
            // Everything moves by the formant scale here; the pitch shift and time stretch below undo it for
            // F0 and duration, so only the spectral envelope stays moved.
            x = ProfileEffects.scaleSpectrum(x, formant);
        }
        double psolaRatio = pitchRatio / formant;
        if (Math.abs(psolaRatio - 1) > 1e-6 || Math.abs(rangeFactor - 1) > 1e-6) {
            x = PitchShifter.shift(x, rate, psolaRatio, rangeFactor);
        }
        double stretchRatio = stretch / formant;
        if (Math.abs(stretchRatio - 1) > 1e-6) {
            x = TimeStretcher.stretch(x, rate, stretchRatio);
        }
        if (s.breathiness() > 0) {
            x = ProfileEffects.addBreath(x, rate, s.breathiness());
        }
        double duration = (double) x.length / rate;
        float[] out = Resampler.resample(x, rate, outRate);
        List<WordTiming> words = new ArrayList<>(raw.words().size());
        for (WordTiming w : raw.words()) {
            double start = clamp(paused.map(w.start() - shift) / stretch, 0, duration);
            double end = clamp(paused.map(w.end() - shift) / stretch, start, duration);
            words.add(new WordTiming(w.charStart(), w.charEnd(), start, end));
        }
        return new Processed(out, words);
    }

    /**
     * The engine's pauses inside a sentence: the silences it leaves between one word's end and the next word's
     * start (Flite's pauses at punctuation), as samples of the trimmed audio that starts at {@code from}.
     * espeak-ng's and Piper's timings leave no such gaps, so only their sentence gaps follow a pause factor.
     */
    private static List<int[]> gapsBetweenWords(List<WordTiming> words, int from, int length, int rate) {
        List<int[]> gaps = new ArrayList<>();
        int minGap = (int) Math.round(MIN_WORD_GAP_SECONDS * rate);
        for (int i = 0; i + 1 < words.size(); i++) {
            int start = (int) Math.round(words.get(i).end() * rate) - from;
            int end = (int) Math.round(words.get(i + 1).start() * rate) - from;
            start = Math.max(start, gaps.isEmpty() ? 0 : gaps.get(gaps.size() - 1)[1]);
            end = Math.min(end, length);
            if (end - start >= minGap) {
                gaps.add(new int[] {start, end});
            }
        }
        return gaps;
    }

    /**
     * Engine words onto the output timeline and the request text. Words an expansion produced from one
     * source token ("$5" spoken as "five dollars") become one timestamp over the token, as do pieces of one
     * written word joined by an apostrophe or hyphen.
     */
    private static List<Timestamp> mapWords(String source, NormalizedText sentence, List<WordTiming> engineWords,
                                            double offset, double chunkEnd) {
        List<Timestamp> out = new ArrayList<>();
        int lastEnd = -1;
        double lastTime = offset;
        for (WordTiming w : engineWords) {
            int[] range = sentence.sourceRange(w.charStart(), w.charEnd());
            int cs = range[0];
            int ce = range[1];
            while (cs < ce && !Character.isLetterOrDigit(source.codePointAt(cs)) && !isCurrency(source.charAt(cs))) {
                cs++;
            }
            while (ce > cs && !Character.isLetterOrDigit(source.charAt(ce - 1)) && source.charAt(ce - 1) != '%') {
                ce--;
            }
            if (ce <= cs) {
                continue;
            }
            ce = extendOverContraction(source, ce);
            double start = Math.max(lastTime, offset + w.start());
            double end = Math.min(chunkEnd, Math.max(start, offset + w.end()));
            if (!out.isEmpty() && (cs < lastEnd || joinedWithinWord(source, lastEnd, cs))) {
                Timestamp prev = out.remove(out.size() - 1);
                int mergedStart = Math.min(prev.charStart(), cs);
                int mergedEnd = Math.max(prev.charEnd(), ce);
                out.add(new Timestamp(source.substring(mergedStart, mergedEnd), "word", prev.start(),
                        round(Math.max(prev.end(), end)), mergedStart, mergedEnd));
            } else {
                out.add(new Timestamp(source.substring(cs, ce), "word", round(start), round(end), cs, ce));
            }
            lastEnd = Math.max(lastEnd, ce);
            lastTime = end;
        }
        return out;
    }

    /** A possessive or contraction tail ("'s", "'ll") belongs to its word even when an engine skips it. */
    private static int extendOverContraction(String source, int end) {
        while (end + 1 < source.length() && (source.charAt(end) == '\'' || source.charAt(end) == '’')
                && Character.isLetter(source.charAt(end + 1))) {
            end += 2;
            while (end < source.length() && Character.isLetter(source.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    /** "USA's" or "e-mail" read as two words by an engine is still one word on the page. */
    private static boolean joinedWithinWord(String source, int previousEnd, int start) {
        if (start <= previousEnd) {
            return false;
        }
        for (int i = previousEnd; i < start; i++) {
            char c = source.charAt(i);
            if (c != '\'' && c != '’' && c != '-' && c != '‐') {
                return false;
            }
        }
        return true;
    }

    private static boolean isCurrency(char c) {
        return Character.getType(c) == Character.CURRENCY_SYMBOL;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e4) / 1e4;
    }

    private record Voice(String id, boolean flite, String engineName, String language, PiperVoice piper,
                         int speaker) {

        /** Voices whose pitch and range are set in post-processing (the engine has no control of its own). */
        boolean shiftedAfterwards() {
            return flite || piper != null;
        }
    }

    private Voice resolve(String voiceId) {
        if (voiceId == null) {
            return null;
        }
        ensureLoaded();
        String id = voiceId.trim().toLowerCase(Locale.ROOT);
        if (id.startsWith("flite:")) {
            VoiceInfo info = catalogue.get(id);
            return info == null ? null : new Voice(id, true, id.substring("flite:".length()), info.language(), null, 0);
        }
        if (id.startsWith("piper:")) {
            PiperVoice piper = piperVoices.get(id);
            VoiceInfo info = catalogue.get(id);
            if (piper == null || espeak == null) {
                return null;
            }
            String phonemizer = piper.config().espeakVoice().orElse("en-us").toLowerCase(Locale.ROOT);
            return new Voice(id, false, espeakNames.getOrDefault("espeak:" + phonemizer, phonemizer), info.language(),
                    piper, piperSpeakers.getOrDefault(id, 0));
        }
        if (!id.startsWith("espeak:") || espeak == null) {
            return null;
        }
        int plus = id.indexOf('+');
        String base = plus < 0 ? id : id.substring(0, plus);
        String variant = plus < 0 ? "" : id.substring(plus + 1);
        String name = espeakNames.get(base);
        if (name == null || (!variant.isEmpty() && !espeak.hasVariant(variant))) {
            return null;
        }
        VoiceInfo info = catalogue.get(espeakNames.get("=" + name));
        String language = info == null ? "" : info.language();
        return new Voice(id, false, variant.isEmpty() ? name : name + "+" + variant, language, null, 0);
    }

    private void ensureLoaded() {
        if (loaded) {
            if (closed) {
                throw new IllegalStateException("synthesizer is closed");
            }
            return;
        }
        synchronized (loadLock) {
            if (closed) {
                throw new IllegalStateException("synthesizer is closed");
            }
            if (loaded) {
                return;
            }
            flite = SharedEngines.acquireFlite();
            espeak = SharedEngines.acquireEspeak();
            buildCatalogue();
            loaded = true;
        }
    }

    private void buildCatalogue() {
        Map<String, VoiceInfo> voices = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        if (flite != null) {
            for (String name : flite.voiceNames()) {
                String[] meta = FliteEngine.KNOWN_VOICES.get(name).split("\\|", 2);
                String language = name.equals("awb") ? "en-gb-scotland" : "en-us";
                voices.put("flite:" + name, new VoiceInfo("flite:" + name, "flite", language, meta[0],
                        flite.sampleRate(name), meta[1]));
            }
        }
        if (espeak != null) {
            for (EspeakEngine.Voice v : espeak.voices()) {
                String file = v.identifier().substring(v.identifier().lastIndexOf('/') + 1);
                String fileId = "espeak:" + file.toLowerCase(Locale.ROOT);
                String id = "espeak:" + v.language();
                if (v.language().isEmpty() || voices.containsKey(id)) {
                    id = fileId;
                }
                if (voices.containsKey(id)) {
                    continue;
                }
                String gender = v.gender() == 2 ? "female" : v.gender() == 1 ? "male" : "unknown";
                voices.put(id, new VoiceInfo(id, "espeak", v.language().isEmpty() ? file : v.language(), gender,
                        EspeakEngine.SAMPLE_RATE, "eSpeak NG " + v.name() + espeakCaveat(v.language())));
                names.put(id, file);
                names.putIfAbsent(fileId, file);
                names.put("=" + file, id);
            }
            if (espeak.hasVariant(FEMALE_VARIANT)) {
                for (String language : FEMALE_VARIANT_LANGUAGES) {
                    VoiceInfo base = voices.get("espeak:" + language);
                    if (base != null) {
                        String id = base.voiceId() + "+" + FEMALE_VARIANT;
                        voices.put(id, new VoiceInfo(id, "espeak", base.language(), "female", base.nativeSampleRate(),
                                base.description() + ", female variant"));
                    }
                }
            }
        }
        Map<String, PiperVoice> piper = loadPiper(voices);
        catalogue = Collections.unmodifiableMap(voices);
        espeakNames = Collections.unmodifiableMap(names);
        piperVoices = Collections.unmodifiableMap(piper);
    }

    private Map<String, PiperVoice> loadPiper(Map<String, VoiceInfo> voices) {
        Map<String, PiperVoice> piper = new LinkedHashMap<>();
        Map<String, Integer> speakers = new LinkedHashMap<>();
        for (Map.Entry<String, PiperVoice> entry : PiperVoices.load(piperDirectory).entrySet()) {
            PiperVoice voice = entry.getValue();
            String base = "piper:" + entry.getKey().toLowerCase(Locale.ROOT);
            String language = voice.config().languageCode().map(c -> c.replace('_', '-'))
                    .orElse(voice.config().espeakVoice().orElse("en-us"));
            String description = "Piper neural voice " + entry.getKey() + " (VITS on ONNX Runtime, espeak-ng phonemes)";
            Map<String, Integer> named = voice.config().speakerIdMap();
            if (voice.config().numSpeakers() > 1 && !named.isEmpty()) {
                named.forEach((speaker, sid) -> {
                    String id = base + "-" + speaker.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
                    piper.put(id, voice);
                    speakers.put(id, sid);
                    voices.put(id, new VoiceInfo(id, "piper", language, "unknown", voice.sampleRate(),
                            description + ", speaker " + speaker));
                });
            } else {
                piper.put(base, voice);
                voices.put(base, new VoiceInfo(base, "piper", language, "unknown", voice.sampleRate(), description));
            }
        }
        piperSpeakers = Collections.unmodifiableMap(speakers);
        return piper;
    }

    /**
     * Looks at the models directory again: voices added since start-up join, removed ones leave the
     * catalogue. Replaced sessions stay open until this synthesizer closes, since a synthesis may
     * still be using them.
     */
    public List<VoiceInfo> rescanNeuralVoices() {
        ensureLoaded();
        synchronized (loadLock) {
            Map<String, VoiceInfo> voices = new LinkedHashMap<>();
            catalogue.forEach((id, info) -> {
                if (!info.engine().equals("piper")) {
                    voices.put(id, info);
                }
            });
            retiredPiperVoices.addAll(piperVoices.values());
            piperVoices = Collections.unmodifiableMap(loadPiper(voices));
            catalogue = Collections.unmodifiableMap(voices);
            return voices.values().stream().filter(v -> v.engine().equals("piper")).toList();
        }
    }

    private static String espeakCaveat(String language) {
        return switch (language) {
            case "ja" -> " (kanji read through kuromoji's dictionary readings)";
            case "cmn" -> " (reads pinyin as English; use cmn-latn-pinyin for Mandarin)";
            case "cmn-latn-pinyin" -> " (Mandarin: reads hanzi and pinyin with tones)";
            default -> "";
        };
    }

    @Override
    public void close() {
        synchronized (loadLock) {
            if (closed) {
                return;
            }
            // The native engines are shared by the whole process and stay loaded (see SharedEngines).
            closed = true;
            // One model serves each of its speakers: close every distinct session once.
            java.util.stream.Stream.concat(piperVoices.values().stream(), retiredPiperVoices.stream()).distinct()
                    .forEach(PiperVoice::close);
        }
    }
}
