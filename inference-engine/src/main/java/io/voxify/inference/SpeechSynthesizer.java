package io.voxify.inference;

import io.voxify.inference.audio.AudioEncoder;
import io.voxify.inference.audio.Pauses;
import io.voxify.inference.engine.EspeakEngine;
import io.voxify.inference.engine.FliteEngine;
import io.voxify.inference.ssml.SsmlParser;
import io.voxify.inference.synthesis.Plan;
import io.voxify.inference.synthesis.ProfileVariants;
import io.voxify.inference.synthesis.Settings;
import io.voxify.inference.synthesis.SpeechPlanner;
import io.voxify.inference.synthesis.SpeechRenderer;
import io.voxify.inference.synthesis.Voice;
import io.voxify.inference.synthesis.VoiceCatalogue;
import io.voxify.inference.synthesis.WordAlignment;
import io.voxify.inference.voice.VoiceProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Text to encoded speech with the built-in voices: Flite (English) and espeak-ng (many languages), both
 * in-process, and Piper models from a directory. The pipeline per request: split into sentences, normalise
 * English text, synthesise each sentence, trim its edge silence, apply pitch and speed where the engine cannot,
 * resample, join with pauses, apply volume with a soft limiter, encode, and map the engines' word timings onto
 * the output. An SSML request ({@link SynthesisRequest#ssml()}) goes through the same pipeline:
 * {@link SsmlParser} turns the document into text with its own prosody and language, silences and marks.
 *
 * <p>The work is done in {@code io.voxify.inference.synthesis}: {@link VoiceCatalogue} (the voices),
 * {@link SpeechPlanner} (checking a request and planning its sentences), {@link SpeechRenderer} (the engines
 * and post-processing), {@link WordAlignment} (timestamps) and {@link ProfileVariants} (voice profiles).
 *
 * <p>Thread-safe. Native engines load on first use and are shared by every instance in the process.
 */
public final class SpeechSynthesizer implements AutoCloseable {

    public static final Set<Integer> SAMPLE_RATES = SpeechPlanner.SAMPLE_RATES;
    /** About ten minutes of speech (see {@link SpeechPlanner#MAX_TEXT_CHARS}). */
    public static final int MAX_TEXT_CHARS = SpeechPlanner.MAX_TEXT_CHARS;

    static final double SENTENCE_GAP_SECONDS = 0.25;
    /** A silence between two words shorter than this is part of the speech, not a pause. */
    public static final double MIN_WORD_GAP_SECONDS = WordAlignment.MIN_WORD_GAP_SECONDS;

    /** What is built once the engines are loaded. */
    private record Parts(
            VoiceCatalogue catalogue, SpeechPlanner planner, SpeechRenderer renderer, ProfileVariants variants) {}

    private final Object loadLock = new Object();
    private volatile Parts parts;
    private volatile boolean closed;
    private final Path piperDirectory;
    private final double sentencePauseSeconds;

    /** Built-in voices only. */
    public SpeechSynthesizer() {
        this(null);
    }

    /**
     * Built-in voices plus the Piper voices ({@code name.onnx} with {@code name.onnx.json}) found in
     * {@code piperDirectory} when the voices are first needed; a missing directory means none.
     */
    public SpeechSynthesizer(Path piperDirectory) {
        this(piperDirectory, SENTENCE_GAP_SECONDS);
    }

    /** As above, with the silence put between sentences (0 to 2 s). */
    public SpeechSynthesizer(Path piperDirectory, double sentencePauseSeconds) {
        this(piperDirectory, sentencePauseSeconds, null);
    }

    /**
     * As above; {@code espeakDataRoot} gives espeak-ng a data directory of its own, where clone
     * profiles become voice variants. The engine is initialised once per process: the first
     * synthesizer's root is the one used.
     */
    public SpeechSynthesizer(Path piperDirectory, double sentencePauseSeconds, Path espeakDataRoot) {
        SharedEngines.requestEspeakDataRoot(espeakDataRoot);
        if (!(sentencePauseSeconds >= 0 && sentencePauseSeconds <= 2)) {
            throw new IllegalArgumentException("sentence pause must be 0 to 2 s, not " + sentencePauseSeconds);
        }
        this.piperDirectory = piperDirectory;
        this.sentencePauseSeconds = sentencePauseSeconds;
    }

    public List<VoiceInfo> voices() {
        return parts().catalogue().voices();
    }

    public boolean supports(String voiceId) {
        return resolve(voiceId) != null;
    }

    public SynthesisResult synthesize(SynthesisRequest request, ProgressListener listener) {
        return synthesize(request, listener, AudioListener.NONE);
    }

    /** As above, handing each sentence's finished audio to {@code audio} as soon as it is made. */
    public SynthesisResult synthesize(SynthesisRequest request, ProgressListener listener, AudioListener audio) {
        Settings settings = SpeechPlanner.validate(request);
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
        return parts().renderer().phonemes(voice, text);
    }

    /**
     * Speaks with a cloned voice's profile: the profile's base voice (the request's voice id is ignored), its
     * pitch, intonation range and speed multiplied onto the request's own and the emotion's, then its formant
     * scale and breathiness, and its pause factor on the silence between sentences and on the pauses inside
     * them ({@link Pauses}: the word timestamps move with them). Formants move by resampling (every frequency
     * scaled) followed by the formant-preserving pitch shift and the time stretch that put F0 and duration
     * back; breath is shaped noise. For an espeak-ng base voice in an engine-owned data directory, formants and
     * breath become a voice variant file that espeak-ng applies natively (see {@link ProfileVariants}).
     */
    public SynthesisResult synthesize(SynthesisRequest request, VoiceProfile profile, ProgressListener listener) {
        return synthesize(request, profile, listener, AudioListener.NONE);
    }

    /** As above, handing each sentence's finished audio to {@code audio} as soon as it is made. */
    public SynthesisResult synthesize(
            SynthesisRequest request, VoiceProfile profile, ProgressListener listener, AudioListener audio) {
        if (profile == null) {
            throw new SynthesisException(SynthesisException.INVALID_PARAMETER, "voice profile is missing");
        }
        Settings base = SpeechPlanner.validate(request);
        ProfileVariants.Profiled profiled = parts().variants().apply(profile, base);
        return synthesize(request, profiled.voiceId(), profiled.settings(), listener, audio);
    }

    /** Where profile variants are kept: the engine is process-wide, so this is the first synthesizer's root. */
    public Optional<Path> variantDirectory() {
        return parts().variants().directory();
    }

    /** Removes the variant file a profile needed, if any (the clone it belonged to is gone). */
    public void forgetProfile(VoiceProfile profile) {
        parts().variants().forget(profile);
    }

    /**
     * Looks at the models directory again: voices added since start-up join, removed ones leave the
     * catalogue. Replaced sessions stay open until this synthesizer closes, since a synthesis may
     * still be using them.
     */
    public List<VoiceInfo> rescanNeuralVoices() {
        return parts().catalogue().rescanNeuralVoices();
    }

    private SynthesisResult synthesize(
            SynthesisRequest request,
            String voiceId,
            Settings settings,
            ProgressListener listener,
            AudioListener audioListener) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        Voice voice = resolve(voiceId);
        if (voice == null) {
            throw new SynthesisException(SynthesisException.UNKNOWN_VOICE, "unknown voice: " + voiceId);
        }
        Parts parts = parts();

        progress.onProgress(10, "Preparing text");
        Plan plan = parts.planner().plan(request.text(), request.ssml(), voice, settings);
        progress.onProgress(
                25, "Text prepared: " + plan.sentences() + (plan.sentences() == 1 ? " sentence" : " sentences"));

        int rate = settings.sampleRate();
        SpeechRenderer.Rendered rendered =
                parts.renderer().render(request.text(), plan, rate, voiceId, progress, audioListener);
        float[] pcm = rendered.samples();
        progress.onProgress(90, "Post-processing done");

        byte[] audio = AudioEncoder.encode(pcm, rate, settings.format());
        progress.onProgress(95, "Encoded " + settings.format().toUpperCase(Locale.ROOT));

        List<Timestamp> timestamps = !request.includeTimestamps()
                ? List.of()
                : settings.sentenceGranularity() ? rendered.sentences() : rendered.words();
        long cpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() - cpuStart : 0;
        progress.onProgress(99, "Done");
        return new SynthesisResult(
                audio,
                settings.format(),
                AudioEncoder.contentType(settings.format()),
                rate,
                1,
                (double) pcm.length / rate,
                timestamps,
                cpu);
    }

    /** A null id is no voice, without loading the engines for it. */
    private Voice resolve(String voiceId) {
        return voiceId == null ? null : parts().catalogue().resolve(voiceId);
    }

    private Parts parts() {
        Parts loaded = parts;
        if (loaded != null) {
            if (closed) {
                throw new IllegalStateException("synthesizer is closed");
            }
            return loaded;
        }
        synchronized (loadLock) {
            if (closed) {
                throw new IllegalStateException("synthesizer is closed");
            }
            if (parts == null) {
                FliteEngine flite = SharedEngines.acquireFlite();
                EspeakEngine espeak = SharedEngines.acquireEspeak();
                VoiceCatalogue catalogue = new VoiceCatalogue(flite, espeak, piperDirectory);
                parts = new Parts(
                        catalogue,
                        new SpeechPlanner(catalogue::resolve),
                        new SpeechRenderer(flite, espeak, sentencePauseSeconds),
                        new ProfileVariants(espeak));
            }
            return parts;
        }
    }

    @Override
    public void close() {
        synchronized (loadLock) {
            if (closed) {
                return;
            }
            // The native engines are shared by the whole process and stay loaded (see SharedEngines).
            closed = true;
            if (parts != null) {
                parts.catalogue().close();
            }
        }
    }
}
