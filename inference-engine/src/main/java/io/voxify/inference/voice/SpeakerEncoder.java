package io.voxify.inference.voice;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.voxify.inference.OnnxRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Speaker embeddings: a fixed-length, L2-normalised vector per utterance, so that two recordings of one
 * voice score a higher {@linkplain #similarity cosine similarity} than recordings of two voices.
 *
 * <p>The {@linkplain #createDefault default} is the model the project generates itself with
 * {@code inference-engine/tools/generate_speaker_encoder.py} ({@value #DEFAULT_MODEL_ID}): spectral
 * statistics (MFCC mean and spread over speech frames, and cepstral pitch-period bands) rotated into 64
 * dimensions. It has learnt nothing; it tells voices apart by timbre and pitch, not by identity as a
 * trained network would.
 *
 * <p>A pretrained encoder can be configured instead through {@link #fromFile}. Its ONNX graph must have
 * <ul>
 *   <li>exactly one input named {@code audio}, float32 of shape [1, N] (the sample axis may be dynamic),
 *       taking 16 kHz mono PCM in [-1, 1];</li>
 *   <li>exactly one output, float32 of shape [1, D] with a fixed D &gt; 0, any name.</li>
 * </ul>
 * The output is L2-normalised here whether or not the model does so itself. Both are checked at load.
 *
 * <p>Speech longer than {@value #WINDOW_SECONDS} s is embedded window by window and the window embeddings
 * averaged, see {@link #embed}.
 *
 * <p>Thread-safe: an ONNX Runtime session may be run from several threads at once.
 */
public final class SpeakerEncoder implements AutoCloseable {

    public static final int SAMPLE_RATE = 16_000;
    public static final String INPUT_NAME = "audio";
    public static final String DEFAULT_MODEL_ID = "voxify-spectral-v1";
    static final String DEFAULT_RESOURCE = "speaker_encoder.onnx";
    /** One STFT frame of the default model; shorter input is padded with silence. */
    private static final int MIN_SAMPLES = 512;

    public static final int WINDOW_SECONDS = 30;
    /**
     * The most one run of the model is given. The default graph holds its input's whole spectrogram several
     * times over (STFT, power, log power: about 0.4 MB per second of audio), and ONNX Runtime's arena keeps
     * its high-water mark for the session's life: 10 minutes in one run took 229 MB of native memory and
     * kept it, a 30 s window takes 24 MB.
     */
    public static final int WINDOW_SAMPLES = WINDOW_SECONDS * SAMPLE_RATE;

    private final OrtSession session;
    /** Embeddings share the session; closing waits for those in flight and refuses new ones (no use after free). */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private boolean closed;
    private final String outputName;
    private final int dimension;
    private final String modelId;

    private SpeakerEncoder(byte[] model, String modelId) {
        this.modelId = modelId;
        try {
            session = environment().createSession(model, new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new IllegalArgumentException("speaker encoder " + modelId + " does not load: " + e.getMessage(), e);
        }
        try {
            outputName = checkSignature(session, modelId);
            TensorInfo out =
                    (TensorInfo) session.getOutputInfo().get(outputName).getInfo();
            dimension = (int) out.getShape()[1];
        } catch (OrtException | RuntimeException e) {
            closeQuietly();
            throw e instanceof IllegalArgumentException iae
                    ? iae
                    : new IllegalArgumentException("speaker encoder " + modelId + ": " + e.getMessage(), e);
        }
    }

    /** The project's generated encoder, bundled as a classpath resource. */
    public static SpeakerEncoder createDefault() {
        try (InputStream in = SpeakerEncoder.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled speaker encoder " + DEFAULT_RESOURCE + " is missing");
            }
            return new SpeakerEncoder(in.readAllBytes(), DEFAULT_MODEL_ID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A pretrained encoder from an ONNX file; see the class documentation for the signature it must have.
     * Its id is the file name and the first 12 hex digits of the file's SHA-256, so that embeddings from
     * two different files with one name are never mistaken for comparable.
     */
    public static SpeakerEncoder fromFile(Path onnxModel) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(onnxModel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read speaker encoder " + onnxModel, e);
        }
        String id = onnxModel.getFileName() + "@" + sha256(bytes).substring(0, 12);
        return new SpeakerEncoder(bytes, id);
    }

    /**
     * The L2-normalised embedding of 16 kHz mono speech. Silence gives no meaningful embedding, so audio
     * with no signal at all is refused.
     *
     * <p>Up to {@value #WINDOW_SECONDS} s, one run of the model over the whole input. Longer speech is cut into
     * the fewest equal windows of at most that length; each window with any signal is embedded and
     * normalised, and the mean of those unit vectors, normalised, is the embedding. That is how trained
     * encoders are used on long speech (the d-vectors of GE2E average normalised window embeddings; x-vector
     * and ECAPA models are trained on crops of a few seconds, so 30 s windows give them all they can use).
     * For the default encoder, whose features are means and spreads over frames, the mean over windows is
     * within cosine similarity 0.9998 of one run over 10 minutes.
     */
    public float[] embed(float[] mono16k) {
        if (mono16k == null || mono16k.length == 0) {
            throw new IllegalArgumentException("no audio to embed");
        }
        float[] x = mono16k.length >= MIN_SAMPLES ? mono16k : Arrays.copyOf(mono16k, MIN_SAMPLES);
        if (!audible(x, 0, x.length)) {
            throw new IllegalArgumentException("audio is silent");
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("speaker encoder " + modelId + " is closed");
            }
            int windows = (x.length + WINDOW_SAMPLES - 1) / WINDOW_SAMPLES;
            // One direct buffer for every window: ONNX Runtime would copy each into a direct buffer of its own,
            // which only a garbage collection frees, and the runs allocate too little heap to cause one.
            FloatBuffer input = ByteBuffer.allocateDirect(Float.BYTES * ((x.length + windows - 1) / windows))
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            if (windows == 1) {
                return normalise(run(input, x, 0, x.length));
            }
            double[] sum = new double[dimension];
            for (int w = 0; w < windows; w++) {
                int from = (int) ((long) x.length * w / windows);
                int to = (int) ((long) x.length * (w + 1) / windows);
                if (!audible(x, from, to)) {
                    continue;
                }
                float[] e = normalise(run(input, x, from, to - from));
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += e[i];
                }
            }
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = (float) sum[i];
            }
            return normalise(mean);
        } catch (OrtException e) {
            throw new IllegalStateException("speaker encoder " + modelId + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private float[] run(FloatBuffer buffer, float[] x, int from, int length) throws OrtException {
        buffer.clear();
        buffer.put(x, from, length).flip();
        try (OnnxTensor input = OnnxTensor.createTensor(environment(), buffer, new long[] {1, length});
                OrtSession.Result result = session.run(Map.of(INPUT_NAME, input))) {
            return ((float[][]) result.get(0).getValue())[0];
        }
    }

    private static boolean audible(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (x[i] != 0f) {
                return true;
            }
        }
        return false;
    }

    public int dimension() {
        return dimension;
    }

    public String modelId() {
        return modelId;
    }

    /** Cosine similarity, in [-1, 1]; 0 when either vector is zero. */
    public static double similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of different dimensions: " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
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

    private static String checkSignature(OrtSession session, String modelId) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1 || !inputs.containsKey(INPUT_NAME)) {
            throw new IllegalArgumentException("speaker encoder " + modelId + " must have one input named '"
                    + INPUT_NAME + "', has " + inputs.keySet());
        }
        if (!(inputs.get(INPUT_NAME).getInfo() instanceof TensorInfo in)
                || in.type != OnnxJavaType.FLOAT
                || in.getShape().length != 2
                || (in.getShape()[0] != 1 && in.getShape()[0] != -1)) {
            throw new IllegalArgumentException("speaker encoder " + modelId + ": input '" + INPUT_NAME
                    + "' must be float32 [1, N], is " + inputs.get(INPUT_NAME).getInfo());
        }
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (outputs.size() != 1) {
            throw new IllegalArgumentException(
                    "speaker encoder " + modelId + " must have one output, has " + outputs.keySet());
        }
        Map.Entry<String, NodeInfo> output = outputs.entrySet().iterator().next();
        if (!(output.getValue().getInfo() instanceof TensorInfo out)
                || out.type != OnnxJavaType.FLOAT
                || out.getShape().length != 2
                || (out.getShape()[0] != 1 && out.getShape()[0] != -1)
                || out.getShape()[1] <= 0) {
            throw new IllegalArgumentException("speaker encoder " + modelId + ": output '" + output.getKey()
                    + "' must be float32 [1, D] with a fixed D, is "
                    + output.getValue().getInfo());
        }
        return output.getKey();
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0) || Double.isNaN(norm)) {
            throw new IllegalStateException("speaker encoder produced a zero or invalid embedding");
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ONNX Runtime wants one environment per process; it lives as long as the JVM. */
    private static OrtEnvironment environment() {
        return OnnxRuntime.environment();
    }
}
