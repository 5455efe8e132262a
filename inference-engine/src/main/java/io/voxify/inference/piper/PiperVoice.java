package io.voxify.inference.piper;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.voxify.inference.OnnxRuntime;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A Piper (VITS) voice: {@code name.onnx} with its {@code name.onnx.json}, loaded once. Synthesis runs the
 * model sentence by sentence on phonemes (espeak-ng IPA for espeak voices) as Piper does, with a short silence
 * between sentences. Each sentence comes out normalised as soon as it is spoken (so a stream can play it while
 * the rest are synthesised) with an utterance-wide gain that only ever falls: the first sentence's peak sets
 * it, a louder later one lowers it. Sentences after the loudest keep their relative loudness and none clips
 * (Piper normalises each phrase on its own, so loudness jumps between its sentences).
 *
 * <p>The model must have Piper's signature: inputs {@code input} int64 [1, N], {@code input_lengths} int64
 * [1], {@code scales} float [3] (noise_scale, length_scale, noise_w) and, for multi-speaker voices, {@code sid}
 * int64 [1]; output {@code output} float with the samples on its last axis. Anything else is refused at load.
 *
 * <p>Thread-safe: an ONNX Runtime session may be run from several threads at once.
 */
public final class PiperVoice implements AutoCloseable {

    public static final String INPUT = "input";
    public static final String INPUT_LENGTHS = "input_lengths";
    public static final String SCALES = "scales";
    public static final String SPEAKER_ID = "sid";
    public static final String OUTPUT = "output";
    public static final double DEFAULT_SENTENCE_PAUSE_SECONDS = 0.2;
    public static final double MIN_SPEED = 0.1;
    public static final double MAX_SPEED = 10.0;
    /** The utterance's peak after normalisation; a little headroom below full scale. */
    static final double TARGET_PEAK = 0.95;
    /** As Piper: audio quieter than this peak is not amplified further (silence stays silence). */
    static final double MIN_PEAK = 0.01;

    private final PiperVoiceConfig config;
    private final PhonemeIdEncoder encoder;
    private final OrtSession session;
    /** Runs share the session; closing waits for those in flight and refuses new ones (no use after free). */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private boolean closed;
    private final boolean hasSpeakerInput;
    private final String name;

    private PiperVoice(Path model, PiperVoiceConfig config) {
        this.config = config;
        this.encoder = new PhonemeIdEncoder(config);
        this.name = model.getFileName().toString();
        try {
            session = OnnxRuntime.environment().createSession(model.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new IllegalArgumentException("Piper voice " + name + " does not load: " + e.getMessage(), e);
        }
        try {
            hasSpeakerInput = checkSignature(session, name);
            if (config.numSpeakers() > 1 && !hasSpeakerInput) {
                throw new IllegalArgumentException("Piper voice " + name + ": config has " + config.numSpeakers()
                        + " speakers but the model has no '" + SPEAKER_ID + "' input");
            }
        } catch (OrtException | RuntimeException e) {
            closeQuietly();
            throw e instanceof IllegalArgumentException iae
                    ? iae
                    : new IllegalArgumentException("Piper voice " + name + ": " + e.getMessage(), e);
        }
    }

    /** Loads {@code model} and the config beside it, {@code model + ".json"}. */
    public static PiperVoice load(Path model) {
        return load(model, model.resolveSibling(model.getFileName() + ".json"));
    }

    public static PiperVoice load(Path model, Path config) {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("Piper voice model " + model + " does not exist");
        }
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("Piper voice config " + config + " does not exist");
        }
        return new PiperVoice(model, PiperVoiceConfig.load(config));
    }

    public PiperVoiceConfig config() {
        return config;
    }

    public int sampleRate() {
        return config.sampleRate();
    }

    public PhonemeIdEncoder encoder() {
        return encoder;
    }

    /** Synthesis with {@link #DEFAULT_SENTENCE_PAUSE_SECONDS} between sentences. */
    public PiperAudio synthesize(List<String> sentencePhonemes, double speed, int speakerId) {
        return synthesize(sentencePhonemes, speed, speakerId, DEFAULT_SENTENCE_PAUSE_SECONDS);
    }

    /**
     * Speaks each sentence's phonemes in turn, {@code pauseSeconds} of silence between sentences (none before
     * the first or after the last). {@code speed} divides the voice's length_scale (2 is twice as fast). A
     * blank sentence makes no sound and no pause; its timing is empty. Speaker ids count from 0 and must be 0
     * for single-speaker voices.
     */
    public PiperAudio synthesize(List<String> sentencePhonemes, double speed, int speakerId, double pauseSeconds) {
        if (sentencePhonemes == null || sentencePhonemes.isEmpty()) {
            throw new IllegalArgumentException("no sentences to speak");
        }
        if (!(pauseSeconds >= 0 && pauseSeconds <= 10)) {
            throw new IllegalArgumentException("sentence pause must be in [0, 10] seconds, is " + pauseSeconds);
        }
        Utterance utterance = utterance(speed, speakerId);
        int pauseSamples = (int) Math.round(pauseSeconds * sampleRate());

        List<float[]> chunks = new ArrayList<>();
        List<String> phonemes = new ArrayList<>();
        for (String sentence : sentencePhonemes) {
            chunks.add(utterance.speak(sentence));
            phonemes.add(sentence == null ? "" : sentence);
        }

        long total = 0;
        boolean first = true;
        for (float[] chunk : chunks) {
            if (chunk.length > 0) {
                total += (first ? 0 : pauseSamples) + chunk.length;
                first = false;
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("utterance too long: " + total + " samples");
        }
        float[] audio = new float[(int) total];
        List<SentenceTiming> timings = new ArrayList<>();
        int at = 0;
        first = true;
        for (int i = 0; i < chunks.size(); i++) {
            float[] chunk = chunks.get(i);
            if (chunk.length > 0) {
                at += first ? 0 : pauseSamples;
                first = false;
                System.arraycopy(chunk, 0, audio, at, chunk.length);
            }
            double start = (double) at / sampleRate();
            at += chunk.length;
            timings.add(new SentenceTiming(i, phonemes.get(i), start, (double) at / sampleRate()));
        }
        return new PiperAudio(audio, sampleRate(), timings, utterance.missingPhonemes());
    }

    /**
     * Starts an utterance to speak sentence by sentence ({@link Utterance#speak}). {@code speed} divides the
     * voice's length_scale (2 is twice as fast); speaker ids count from 0 and must be 0 for single-speaker
     * voices.
     */
    public Utterance utterance(double speed, int speakerId) {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException("speed must be in [" + MIN_SPEED + ", " + MAX_SPEED + "], is " + speed);
        }
        int speakers = hasSpeakerInput ? config.numSpeakers() : 1;
        if (speakerId < 0 || speakerId >= speakers) {
            throw new IllegalArgumentException("speaker id must be in [0, " + (speakers - 1) + "], is " + speakerId);
        }
        return new Utterance(
                new float[] {
                    (float) config.noiseScale(), (float) (config.lengthScale() / speed), (float) config.noiseW()
                },
                speakerId);
    }

    /** One utterance, spoken a sentence at a time; its gain only ever falls. Not thread-safe. */
    public final class Utterance {
        private final float[] scales;
        private final int speakerId;
        private final Map<String, Integer> missing = new TreeMap<>();
        private double gain = Double.POSITIVE_INFINITY;

        private Utterance(float[] scales, int speakerId) {
            this.scales = scales;
            this.speakerId = speakerId;
        }

        /** One sentence's samples, normalised; a blank sentence makes no sound. */
        public float[] speak(String sentencePhonemes) {
            if (sentencePhonemes == null || sentencePhonemes.isBlank()) {
                return new float[0];
            }
            PhonemeIdEncoder.Encoding encoding = encoder.encode(sentencePhonemes.strip());
            encoding.missingPhonemes().forEach((p, n) -> missing.merge(p, n, Integer::sum));
            float[] samples = run(encoding.ids(), scales, speakerId);
            gain = Math.min(gain, TARGET_PEAK / Math.max(MIN_PEAK, peak(samples)));
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (float) (samples[i] * gain);
            }
            return samples;
        }

        /** Phonemes the voice does not know, with how often they were skipped so far. */
        public Map<String, Integer> missingPhonemes() {
            return Collections.unmodifiableMap(new TreeMap<>(missing));
        }
    }

    /** One sentence through the model: raw samples, not yet normalised. */
    private float[] run(long[] ids, float[] scales, int speakerId) {
        OrtEnvironment env = OnnxRuntime.environment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
                OnnxTensor lengths =
                        OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {ids.length}), new long[] {1});
                OnnxTensor scaleTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(scales), new long[] {3});
                OnnxTensor sid = hasSpeakerInput
                        ? OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {speakerId}), new long[] {1})
                        : null) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put(INPUT, input);
            inputs.put(INPUT_LENGTHS, lengths);
            inputs.put(SCALES, scaleTensor);
            if (sid != null) {
                inputs.put(SPEAKER_ID, sid);
            }
            lifecycle.readLock().lock();
            try (OrtSession.Result result = runOpen(inputs)) {
                OnnxValue value = result.get(OUTPUT).orElseThrow();
                if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
                    throw new IllegalStateException("Piper voice " + name + ": output is not a float tensor");
                }
                FloatBuffer buffer = tensor.getFloatBuffer();
                float[] samples = new float[buffer.remaining()];
                buffer.get(samples);
                return samples;
            } finally {
                lifecycle.readLock().unlock();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Piper voice " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** The peak of {@code audio}; NaN and infinity become silence on the way. */
    static double peak(float[] audio) {
        double peak = 0;
        for (int i = 0; i < audio.length; i++) {
            if (!Float.isFinite(audio[i])) {
                audio[i] = 0f;
            }
            peak = Math.max(peak, Math.abs(audio[i]));
        }
        return peak;
    }

    private OrtSession.Result runOpen(Map<String, OnnxTensor> inputs) throws OrtException {
        if (closed) {
            throw new IllegalStateException("Piper voice " + name + " is closed");
        }
        return session.run(inputs, Set.of(OUTPUT));
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing releases native memory only; a failure here leaves nothing the caller could act on.
        }
    }

    /** Whether the model takes a speaker id; throws when it lacks Piper's signature. */
    private static boolean checkSignature(OrtSession session, String name) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        requireTensor(inputs, INPUT, OnnxJavaType.INT64, 2, name);
        requireTensor(inputs, INPUT_LENGTHS, OnnxJavaType.INT64, 1, name);
        requireTensor(inputs, SCALES, OnnxJavaType.FLOAT, 1, name);
        boolean speaker = inputs.containsKey(SPEAKER_ID);
        if (speaker) {
            requireTensor(inputs, SPEAKER_ID, OnnxJavaType.INT64, 1, name);
        }
        if (inputs.size() != (speaker ? 4 : 3)) {
            throw new IllegalArgumentException("Piper voice " + name + " must have inputs " + INPUT + ", "
                    + INPUT_LENGTHS + ", " + SCALES + " and optionally " + SPEAKER_ID + "; has " + inputs.keySet());
        }
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (!outputs.containsKey(OUTPUT)
                || !(outputs.get(OUTPUT).getInfo() instanceof TensorInfo out)
                || out.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException(
                    "Piper voice " + name + " must have a float output '" + OUTPUT + "'; has " + outputs.keySet());
        }
        return speaker;
    }

    private static void requireTensor(
            Map<String, NodeInfo> inputs, String input, OnnxJavaType type, int rank, String name) {
        NodeInfo info = inputs.get(input);
        if (info == null) {
            throw new IllegalArgumentException(
                    "Piper voice " + name + " has no input '" + input + "'; has " + inputs.keySet());
        }
        if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != type || tensor.getShape().length != rank) {
            throw new IllegalArgumentException("Piper voice " + name + ": input '" + input + "' must be " + type
                    + " of rank " + rank + ", is " + info.getInfo());
        }
    }
}
