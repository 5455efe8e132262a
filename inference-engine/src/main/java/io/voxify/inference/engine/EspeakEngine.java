package io.voxify.inference.engine;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.voxify.inference.audio.Silence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * eSpeak NG 1.51 in-process through JNA, synchronous mode at 22050 Hz. The library keeps one global
 * synthesiser, so one instance per process, every call under one lock (it is about 1000× faster than real
 * time, so the lock is never the bottleneck).
 */
public final class EspeakEngine implements AutoCloseable {

    public static final int SAMPLE_RATE = 22050;

    private static final int AUDIO_OUTPUT_SYNCHRONOUS = 2;
    private static final int INITIALIZE_DONT_EXIT = 0x8000;
    private static final int CHARS_UTF8 = 1;
    private static final int POS_CHARACTER = 1;
    private static final int EE_OK = 0;
    private static final int PARAM_RATE = 1;
    private static final int PARAM_VOLUME = 2;
    private static final int PARAM_PITCH = 3;
    private static final int PARAM_RANGE = 4;
    private static final int EVENT_LIST_TERMINATED = 0;
    private static final int EVENT_WORD = 1;
    private static final int EVENT_SIZE = 40;
    private static final int PHONEMES_IPA = 0x02;

    /** Default speaking rate in words per minute, and the range the library accepts. */
    public static final int DEFAULT_RATE = 175;

    public static final int MIN_RATE = 80;
    public static final int MAX_RATE = 450;

    interface Espeak extends Library {
        int espeak_Initialize(int output, int bufferMillis, String path, int options);

        void espeak_SetSynthCallback(SynthCallback callback);

        int espeak_SetVoiceByName(byte[] name);

        int espeak_SetParameter(int parameter, int value, int relative);

        int espeak_Synth(
                byte[] text,
                NativeLong size,
                int position,
                int positionType,
                int endPosition,
                int flags,
                Pointer uniqueIdentifier,
                Pointer userData);

        int espeak_Synchronize();

        int espeak_Terminate();

        Pointer espeak_ListVoices(Pointer spec);

        String espeak_Info(PointerByReference dataPath);

        Pointer espeak_TextToPhonemes(PointerByReference textPointer, int textMode, int phonemeMode);
    }

    public interface SynthCallback extends Callback {
        int invoke(Pointer wav, int numSamples, Pointer events);
    }

    /** A voice as espeak-ng lists it. */
    public record Voice(String name, String identifier, String language, int gender) {}

    /**
     * Prosody in espeak-ng's own units.
     *
     * @param rate  words per minute, 80–450
     * @param pitch base pitch 0–100 (50 is the voice's own)
     * @param range intonation range 0–100 (50 is the voice's own)
     */
    public record Prosody(int rate, int pitch, int range) {
        public static final Prosody DEFAULT = new Prosody(DEFAULT_RATE, 50, 50);
    }

    private final ReentrantLock lock = NativeRandomness.LOCK;
    private final Espeak espeak;
    private final Path dataPath;
    private final List<Voice> voices;
    // Held strongly for as long as the library may call it; a collected callback would crash the JVM.
    private final SynthCallback callback;
    private Capture capture;
    private boolean closed;

    private EspeakEngine(Path ownedRoot) {
        espeak = Native.load("libespeak-ng.so.1", Espeak.class);
        String root = null;
        if (ownedRoot != null) {
            try {
                root = OwnedData.prepare(ownedRoot);
            } catch (RuntimeException unusable) {
                // Without a directory of its own the engine still speaks; profiles then use post-processing.
                org.slf4j.LoggerFactory.getLogger(EspeakEngine.class)
                        .warn("espeak-ng keeps the system data: {}", unusable.getMessage());
            }
        }
        int rate = espeak.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, root, INITIALIZE_DONT_EXIT);
        if (rate <= 0) {
            throw new IllegalStateException("espeak-ng failed to initialise (" + rate + ")");
        }
        if (rate != SAMPLE_RATE) {
            throw new IllegalStateException("espeak-ng runs at " + rate + " Hz, expected " + SAMPLE_RATE);
        }
        PointerByReference path = new PointerByReference();
        espeak.espeak_Info(path);
        dataPath = path.getValue() == null ? null : Path.of(path.getValue().getString(0));
        callback = this::onSynth;
        espeak.espeak_SetSynthCallback(callback);
        voices = listVoices();
    }

    public static EspeakEngine load() {
        return new EspeakEngine(null);
    }

    /**
     * espeak-ng with a data directory of the engine's own under {@code ownedRoot}: the system's data
     * mirrored through links, with a writable variants folder for per-voice variants.
     */
    public static EspeakEngine load(Path ownedRoot) {
        return new EspeakEngine(ownedRoot);
    }

    /** Whether variants can be written here (the data directory is the engine's own). */
    public boolean variantsWritable() {
        Path dir = variantsDirectory();
        return dir != null && Files.isDirectory(dir) && !Files.isSymbolicLink(dir) && Files.isWritable(dir);
    }

    /** Writes (or replaces) a voice variant; files written after initialisation are picked up by name. */
    public void writeVariant(String name, String content) {
        requireVariantName(name);
        try {
            Files.writeString(variantsDirectory().resolve(name), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot write espeak-ng variant " + name, e);
        }
    }

    public void deleteVariant(String name) {
        requireVariantName(name);
        try {
            Files.deleteIfExists(variantsDirectory().resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot delete espeak-ng variant " + name, e);
        }
    }

    private void requireVariantName(String name) {
        if (!variantsWritable() || name == null || !name.matches("vx[a-z0-9]{1,30}")) {
            throw new IllegalArgumentException("not a writable engine-owned variant: " + name);
        }
    }

    /** The engine-owned variants folder, when there is one. */
    public Optional<Path> ownedVariantsDirectory() {
        return variantsWritable() ? Optional.of(variantsDirectory()) : Optional.empty();
    }

    private Path variantsDirectory() {
        if (dataPath == null) {
            return null;
        }
        Path root = dataPath.getFileName() != null
                        && dataPath.getFileName().toString().equals("espeak-ng-data")
                ? dataPath
                : dataPath.resolve("espeak-ng-data");
        return root.resolve("voices").resolve("!v");
    }

    public List<Voice> voices() {
        return voices;
    }

    /** Whether a variant such as "f3" exists; espeak-ng would otherwise silently fall back to the base voice. */
    public boolean hasVariant(String variant) {
        if (dataPath == null || variant.isEmpty() || variant.contains("/") || variant.contains("..")) {
            return false;
        }
        Path root = dataPath.getFileName() != null
                        && dataPath.getFileName().toString().equals("espeak-ng-data")
                ? dataPath
                : dataPath.resolve("espeak-ng-data");
        return Files.isRegularFile(root.resolve("voices").resolve("!v").resolve(variant));
    }

    /**
     * Synthesises text with a voice name as espeak-ng understands it ("en-us", "de+f3").
     * Word timings refer to char positions in {@code text}.
     */
    public EngineAudio synthesize(String voiceName, String text, Prosody prosody) {
        byte[] utf8 = NativeLibraries.cString(text);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("espeak-ng engine is closed");
            }
            int status = espeak.espeak_SetVoiceByName(NativeLibraries.cString(voiceName));
            if (status != EE_OK) {
                throw new IllegalArgumentException("espeak-ng has no voice " + voiceName + " (" + status + ")");
            }
            espeak.espeak_SetParameter(PARAM_RATE, Math.max(MIN_RATE, Math.min(MAX_RATE, prosody.rate())), 0);
            espeak.espeak_SetParameter(PARAM_PITCH, clamp100(prosody.pitch()), 0);
            espeak.espeak_SetParameter(PARAM_RANGE, clamp100(prosody.range()), 0);
            espeak.espeak_SetParameter(PARAM_VOLUME, 100, 0);
            capture = new Capture();
            status =
                    espeak.espeak_Synth(utf8, new NativeLong(utf8.length), 0, POS_CHARACTER, 0, CHARS_UTF8, null, null);
            if (status != EE_OK) {
                throw new IllegalStateException("espeak_Synth failed (" + status + ")");
            }
            espeak.espeak_Synchronize();
            Capture done = capture;
            capture = null;
            return done.toAudio(text);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The IPA phonemes espeak-ng would speak for the text with a voice, clauses separated by a space. The
     * language-switch marks it inserts for words it reads in another language ("(en)…(ja)") are kept: they
     * show where a voice gave up on its own language.
     */
    public String phonemes(String voiceName, String text) {
        byte[] utf8 = NativeLibraries.cString(text);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("espeak-ng engine is closed");
            }
            int status = espeak.espeak_SetVoiceByName(NativeLibraries.cString(voiceName));
            if (status != EE_OK) {
                throw new IllegalArgumentException("espeak-ng has no voice " + voiceName + " (" + status + ")");
            }
            // The library advances the pointer clause by clause inside this buffer, so it must outlive the loop.
            Memory buffer = new Memory(utf8.length);
            buffer.write(0, utf8, 0, utf8.length);
            PointerByReference cursor = new PointerByReference(buffer);
            StringBuilder out = new StringBuilder();
            while (cursor.getValue() != null) {
                Pointer clause = espeak.espeak_TextToPhonemes(cursor, CHARS_UTF8, PHONEMES_IPA);
                String phonemes =
                        clause == null ? "" : clause.getString(0, "UTF-8").strip();
                if (!phonemes.isEmpty()) {
                    out.append(out.length() == 0 ? "" : " ").append(phonemes);
                }
            }
            return out.toString();
        } finally {
            lock.unlock();
        }
    }

    private static int clamp100(int v) {
        return Math.max(0, Math.min(100, v));
    }

    private int onSynth(Pointer wav, int numSamples, Pointer events) {
        Capture c = capture;
        if (c == null) {
            return 0;
        }
        if (wav != null && numSamples > 0) {
            c.append(wav.getShortArray(0, numSamples));
        }
        if (events != null) {
            for (int offset = 0; ; offset += EVENT_SIZE) {
                int type = events.getInt(offset);
                if (type == EVENT_LIST_TERMINATED) {
                    break;
                }
                if (type == EVENT_WORD && events.getInt(offset + 12) > 0) {
                    c.words.add(
                            new int[] {events.getInt(offset + 8), events.getInt(offset + 12), events.getInt(offset + 20)
                            });
                }
            }
        }
        return 0;
    }

    /** Samples and WORD events of one synthesis: {text position (1-based), length, sample index}. */
    private static final class Capture {
        private short[] samples = new short[SAMPLE_RATE];
        private int count;
        final List<int[]> words = new ArrayList<>();

        void append(short[] chunk) {
            if (count + chunk.length > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(count + chunk.length, samples.length * 2));
            }
            System.arraycopy(chunk, 0, samples, count, chunk.length);
            count += chunk.length;
        }

        EngineAudio toAudio(String text) {
            float[] pcm = new float[count];
            for (int i = 0; i < count; i++) {
                pcm[i] = samples[i] / 32768f;
            }
            return new EngineAudio(pcm, SAMPLE_RATE, wordTimings(pcm, text));
        }

        /**
         * espeak-ng reports where each word starts; a word ends where the next begins, pulled back over any
         * pause between them so that gaps are not counted as speech.
         */
        private List<WordTiming> wordTimings(float[] pcm, String text) {
            List<WordTiming> out = new ArrayList<>();
            double threshold = Silence.audibleThreshold(pcm);
            int frame = SAMPLE_RATE / 200;
            for (int i = 0; i < words.size(); i++) {
                int[] w = words.get(i);
                int start = Math.max(0, Math.min(count, w[2]));
                int end = i + 1 < words.size() ? Math.max(start, Math.min(count, words.get(i + 1)[2])) : count;
                while (end - frame > start + frame && Silence.isQuiet(pcm, end - frame, end, threshold)) {
                    end -= frame;
                }
                int charStart = Math.max(0, Math.min(text.length(), w[0] - 1));
                int charEnd = Math.max(charStart, Math.min(text.length(), charStart + w[1]));
                out.add(new WordTiming(charStart, charEnd, (double) start / SAMPLE_RATE, (double) end / SAMPLE_RATE));
            }
            return out;
        }
    }

    private List<Voice> listVoices() {
        Pointer list = espeak.espeak_ListVoices(null);
        List<Voice> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; ; i++) {
            Pointer v = list.getPointer((long) i * Native.POINTER_SIZE);
            if (v == null) {
                break;
            }
            // espeak_VOICE { const char *name; const char *languages; const char *identifier;
            //                unsigned char gender, age, variant, xx1; int score; void *spare; }
            String name = v.getPointer(0).getString(0, "UTF-8");
            Pointer languages = v.getPointer(Native.POINTER_SIZE);
            String identifier = v.getPointer(2L * Native.POINTER_SIZE).getString(0, "UTF-8");
            int gender = v.getByte(3L * Native.POINTER_SIZE) & 0xff;
            // languages: repeated {priority byte, NUL-terminated name}, ended by a zero priority byte.
            String language = languages == null ? "" : languages.getString(1, "UTF-8");
            out.add(new Voice(name, identifier, language.toLowerCase(Locale.ROOT), gender));
        }
        return List.copyOf(out);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                espeak.espeak_Terminate();
            }
        } finally {
            lock.unlock();
        }
    }
}
