package io.voxify.inference.engine;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CMU Flite 2.2 in-process through JNA. The language libraries are opened with global symbol visibility
 * before the core and the voices. Calls are serialised: Flite keeps per-voice feature tables that
 * {@code duration_stretch} writes to, and its lexicon code is not documented as re-entrant; at ~1 % of real
 * time one lock costs nothing that matters.
 *
 * <p>The clustergen voices (slt, rms, awb) draw their unvoiced excitation from libc's {@code rand()}, so one text
 * came out a little different each time (F0 a fraction of a percent apart, the length a frame or two), enough to
 * flip the sign of a small gradient in training and to make two renderings of one job differ. The generator is
 * seeded before every utterance: one text, voice and speed always sound the same, as long as nothing else in the
 * process draws from {@code rand()} at that moment (espeak-ng does, under its own lock).
 */
public final class FliteEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FliteEngine.class);

    /** Voice name to description; kal (8 kHz diphone) is left out as clearly inferior to kal16. */
    public static final Map<String, String> KNOWN_VOICES = Map.of(
            "slt", "female|US English, female (CMU ARCTIC slt, clustergen)",
            "rms", "male|US English, male (CMU ARCTIC rms, clustergen)",
            "awb", "male|Scottish English, male (CMU ARCTIC awb, clustergen)",
            "kal16", "male|US English, male (CMU kal, 16 kHz diphone)");

    /**
     * Flite keeps the name pointer it is given when it first sets a feature ({@code feat_set} stores
     * it, no copy). A Java string passed through JNA is freed after the call, so a later lookup
     * compared against reused memory, missed the feature and spoke at the default speed (seen as a
     * rare "happy speech as long as neutral"). The name lives here, in memory never freed.
     */
    private static final Memory DURATION_STRETCH = nativeName("duration_stretch");

    private static final String WORD_START = "R:SylStructure.daughter1.daughter1.R:Segment.p.end";
    private static final String WORD_END = "R:SylStructure.daughtern.daughtern.R:Segment.end";
    private static final String TOKEN_POS = "R:Token.parent.file_pos";
    private static final String TOKEN_NAME = "R:Token.parent.name";

    interface Flite extends Library {
        int flite_init();

        Pointer flite_synth_text(byte[] text, Pointer voice);

        Pointer utt_wave(Pointer utt);

        Pointer utt_relation(Pointer utt, String name);

        Pointer relation_head(Pointer relation);

        Pointer item_next(Pointer item);

        float ffeature_float(Pointer item, String path);

        int ffeature_int(Pointer item, String path);

        String ffeature_string(Pointer item, String path);

        void delete_utterance(Pointer utt);

        void flite_feat_set_float(Pointer features, Pointer name, float value);
    }

    /** The C library's generator, which Flite's excitation draws from. */
    interface LibC extends Library {
        void srand(int seed);
    }

    private static final int EXCITATION_SEED = 0x5eed;

    private final ReentrantLock lock = NativeRandomness.LOCK;
    private final LibC libc = Native.load("c", LibC.class);
    private final List<NativeLibrary> pinned = new ArrayList<>();
    private final Flite flite;
    private final Map<String, Pointer> voices = new LinkedHashMap<>();
    private final Map<String, Integer> sampleRates = new LinkedHashMap<>();
    private final Map<String, Function> unregister = new LinkedHashMap<>();
    private boolean closed;

    private FliteEngine() {
        pinned.add(NativeLibraries.loadGlobal("libflite.so.1"));
        pinned.add(NativeLibraries.loadGlobal("libflite_usenglish.so.1"));
        pinned.add(NativeLibraries.loadGlobal("libflite_cmulex.so.1"));
        flite = Native.load("libflite.so.1", Flite.class);
        flite.flite_init();
        for (String name : KNOWN_VOICES.keySet().stream().sorted().toList()) {
            try {
                NativeLibrary lib = NativeLibraries.loadGlobal("libflite_cmu_us_" + name + ".so.1");
                Pointer voice = lib.getFunction("register_cmu_us_" + name).invokePointer(new Object[] {null});
                if (voice == null) {
                    log.warn("Flite voice {} did not register", name);
                    continue;
                }
                pinned.add(lib);
                voices.put(name, voice);
                unregister.put(name, lib.getFunction("unregister_cmu_us_" + name));
            } catch (UnsatisfiedLinkError e) {
                log.info("Flite voice {} not installed: {}", name, e.getMessage());
            }
        }
        for (String name : voices.keySet()) {
            sampleRates.put(name, probeSampleRate(name));
        }
    }

    private static Memory nativeName(String name) {
        byte[] bytes = NativeLibraries.cString(name);
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    /** Loads Flite and every installed voice among {@link #KNOWN_VOICES}. */
    public static FliteEngine load() {
        return new FliteEngine();
    }

    public List<String> voiceNames() {
        return List.copyOf(voices.keySet());
    }

    public int sampleRate(String voice) {
        return sampleRates.getOrDefault(voice, 16000);
    }

    /**
     * Synthesises English text.
     *
     * @param durationStretch factor on phone durations (2 = half as fast)
     */
    public EngineAudio synthesize(String voiceName, String text, double durationStretch) {
        Pointer voice = voices.get(voiceName);
        if (voice == null) {
            throw new IllegalArgumentException("Flite voice not loaded: " + voiceName);
        }
        byte[] utf8 = NativeLibraries.cString(text);
        int[] byteToChar = NativeLibraries.byteToCharIndex(text);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("Flite engine is closed");
            }
            // cst_voice { const char *name; cst_features *features; ... }
            Pointer features = voice.getPointer(Native.POINTER_SIZE);
            flite.flite_feat_set_float(features, DURATION_STRETCH, (float) durationStretch);
            libc.srand(EXCITATION_SEED);
            Pointer utt = flite.flite_synth_text(utf8, voice);
            if (utt == null) {
                throw new IllegalStateException("Flite returned no utterance");
            }
            try {
                return readUtterance(utt, text, byteToChar);
            } finally {
                flite.delete_utterance(utt);
            }
        } finally {
            lock.unlock();
        }
    }

    private EngineAudio readUtterance(Pointer utt, String text, int[] byteToChar) {
        Pointer wave = flite.utt_wave(utt);
        if (wave == null) {
            return new EngineAudio(new float[0], 16000, List.of());
        }
        // cst_wave { const char *type; int sample_rate; int num_samples; int num_channels; short *samples; }
        int rate = wave.getInt(8);
        int count = wave.getInt(12);
        int channels = Math.max(1, wave.getInt(16));
        Pointer data = wave.getPointer(24);
        short[] raw = count > 0 && data != null ? data.getShortArray(0, count * channels) : new short[0];
        float[] samples = new float[count];
        for (int i = 0; i < count; i++) {
            samples[i] = raw[i * channels] / 32768f;
        }
        List<WordTiming> words = new ArrayList<>();
        Pointer relation = flite.utt_relation(utt, "Word");
        int previousEnd = 0;
        for (Pointer item = relation == null ? null : flite.relation_head(relation);
                item != null;
                item = flite.item_next(item)) {
            double start = flite.ffeature_float(item, WORD_START);
            double end = flite.ffeature_float(item, WORD_END);
            if (end <= start) {
                continue;
            }
            int[] range = tokenRange(item, text, byteToChar, previousEnd);
            previousEnd = range[1];
            words.add(new WordTiming(range[0], range[1], start, Math.min(end, (double) count / rate)));
        }
        return new EngineAudio(samples, rate, words);
    }

    /**
     * The text range of the token a word came from. Flite records where its tokeniser stood after reading the
     * token (a byte offset past the token, its trailing punctuation and one look-ahead character); the token's
     * last occurrence ending before that point, and after the previous token, is the token itself.
     */
    private int[] tokenRange(Pointer word, String text, int[] byteToChar, int previousEnd) {
        int bytePos = flite.ffeature_int(word, TOKEN_POS);
        String name = flite.ffeature_string(word, TOKEN_NAME);
        int after = byteToChar[Math.max(0, Math.min(bytePos, byteToChar.length - 1))];
        if (name != null && !name.isEmpty()) {
            int found = text.lastIndexOf(name, after - name.length());
            if (found < 0 || found < previousEnd - name.length()) {
                found = text.indexOf(name, Math.max(0, previousEnd));
            }
            if (found >= 0) {
                return new int[] {found, found + name.length()};
            }
        }
        int start = Math.max(0, Math.min(previousEnd, text.length()));
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return new int[] {start, Math.max(end, Math.min(text.length(), start + 1))};
    }

    private int probeSampleRate(String name) {
        EngineAudio probe = synthesize(name, "a", 1.0);
        return probe.sampleRate();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Map.Entry<String, Pointer> voice : voices.entrySet()) {
                unregister.get(voice.getKey()).invokeVoid(new Object[] {voice.getValue()});
            }
            voices.clear();
        } finally {
            lock.unlock();
        }
    }
}
