package io.voxify.inference.piper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Piper voice's {@code <name>.onnx.json}: the fields synthesis needs, checked when parsed. Missing inference
 * settings take Piper's defaults (noise_scale 0.667, length_scale 1, noise_w 0.8); a missing num_speakers
 * means one speaker. Each {@code phoneme_id_map} key must be a single Unicode code point, as in Piper, where
 * a phoneme is one {@code char32_t}. Immutable.
 */
public final class PiperVoiceConfig {

    public static final double DEFAULT_NOISE_SCALE = 0.667;
    public static final double DEFAULT_LENGTH_SCALE = 1.0;
    public static final double DEFAULT_NOISE_W = 0.8;

    private final int sampleRate;
    private final String espeakVoice;
    private final double noiseScale;
    private final double lengthScale;
    private final double noiseW;
    private final int numSpeakers;
    private final Map<String, Integer> speakerIdMap;
    private final Map<Integer, long[]> idsByCodePoint;
    private final Map<String, List<Long>> phonemeIdMap;
    private final String languageCode;

    private PiperVoiceConfig(Map<String, Object> root, String source) {
        Map<String, Object> audio = object(root, "audio", source, true);
        sampleRate = (int) integer(audio, "sample_rate", source, 1, 384_000);
        Map<String, Object> espeak = object(root, "espeak", source, false);
        espeakVoice = espeak == null ? null : string(espeak, "voice", source, false);
        Map<String, Object> inference = object(root, "inference", source, false);
        noiseScale = real(inference, "noise_scale", DEFAULT_NOISE_SCALE, source);
        lengthScale = real(inference, "length_scale", DEFAULT_LENGTH_SCALE, source);
        noiseW = real(inference, "noise_w", DEFAULT_NOISE_W, source);
        if (!(lengthScale > 0)) {
            throw invalid(source, "inference.length_scale must be positive, is " + lengthScale);
        }
        numSpeakers = root.containsKey("num_speakers")
                ? (int) integer(root, "num_speakers", source, 1, Integer.MAX_VALUE)
                : 1;

        Map<String, Integer> speakers = new LinkedHashMap<>();
        Map<String, Object> speakerObject = object(root, "speaker_id_map", source, false);
        if (speakerObject != null) {
            for (String name : speakerObject.keySet()) {
                speakers.put(name, (int) integer(speakerObject, name, source, 0, numSpeakers - 1));
            }
        }
        speakerIdMap = Collections.unmodifiableMap(speakers);

        Map<String, Object> ids = object(root, "phoneme_id_map", source, true);
        Map<Integer, long[]> byCodePoint = new LinkedHashMap<>();
        Map<String, List<Long>> byString = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : ids.entrySet()) {
            String phoneme = entry.getKey();
            if (phoneme.codePointCount(0, phoneme.length()) != 1) {
                throw invalid(source, "phoneme_id_map key \"" + phoneme + "\" is not a single code point");
            }
            if (!(entry.getValue() instanceof List<?> list) || list.isEmpty()) {
                throw invalid(source, "phoneme_id_map \"" + phoneme + "\" must be a non-empty list of ids");
            }
            long[] values = new long[list.size()];
            for (int i = 0; i < values.length; i++) {
                if (!(list.get(i) instanceof Long id) || id < 0) {
                    throw invalid(source, "phoneme_id_map \"" + phoneme + "\" has a non-id value " + list.get(i));
                }
                values[i] = id;
            }
            byCodePoint.put(phoneme.codePointAt(0), values);
            byString.put(phoneme, list.stream().map(v -> (Long) v).toList());
        }
        for (String required : List.of(PhonemeIdEncoder.PAD, PhonemeIdEncoder.BOS, PhonemeIdEncoder.EOS)) {
            if (!byString.containsKey(required)) {
                throw invalid(source, "phoneme_id_map has no \"" + required + "\"");
            }
        }
        idsByCodePoint = Collections.unmodifiableMap(byCodePoint);
        phonemeIdMap = Collections.unmodifiableMap(byString);

        Map<String, Object> language = object(root, "language", source, false);
        languageCode = language == null ? null : string(language, "code", source, false);
    }

    /** Parses a config's JSON text; {@code source} names it in error messages. */
    public static PiperVoiceConfig parse(String json, String source) {
        Object root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw invalid(source, e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw invalid(source, "top level is not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return new PiperVoiceConfig(object, source);
    }

    public static PiperVoiceConfig load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Piper voice config " + file, e);
        }
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** The espeak-ng voice that phonemizes text for this voice, e.g. "en-us"; empty for non-espeak voices. */
    public Optional<String> espeakVoice() {
        return Optional.ofNullable(espeakVoice);
    }

    public double noiseScale() {
        return noiseScale;
    }

    public double lengthScale() {
        return lengthScale;
    }

    public double noiseW() {
        return noiseW;
    }

    public int numSpeakers() {
        return numSpeakers;
    }

    /** Speaker names to ids; empty for single-speaker voices. */
    public Map<String, Integer> speakerIdMap() {
        return speakerIdMap;
    }

    /** Phoneme (one code point, as a string) to its model ids, in the file's order. */
    public Map<String, List<Long>> phonemeIdMap() {
        return phonemeIdMap;
    }

    /** The ids of one phoneme code point, or {@code null} when the voice does not know it. */
    long[] idsOf(int codePoint) {
        return idsByCodePoint.get(codePoint);
    }

    /** e.g. "en_US"; empty when the config does not say. */
    public Optional<String> languageCode() {
        return Optional.ofNullable(languageCode);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String key, String source, boolean required) {
        Object value = parent.get(key);
        if (value == null || value == Json.NULL) {
            if (required) {
                throw invalid(source, "missing \"" + key + "\"");
            }
            return null;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw invalid(source, "\"" + key + "\" is not an object");
        }
        return (Map<String, Object>) value;
    }

    private static long integer(Map<String, Object> parent, String key, String source, long min, long max) {
        Object value = parent.get(key);
        if (!(value instanceof Long number)) {
            throw invalid(source, "\"" + key + "\" must be an integer, is " + value);
        }
        if (number < min || number > max) {
            throw invalid(source, "\"" + key + "\" must be in [" + min + ", " + max + "], is " + number);
        }
        return number;
    }

    private static double real(Map<String, Object> parent, String key, double fallback, String source) {
        Object value = parent == null ? null : parent.get(key);
        if (value == null || value == Json.NULL) {
            return fallback;
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue()) || number.doubleValue() < 0) {
            throw invalid(source, "\"" + key + "\" must be a non-negative number, is " + value);
        }
        return number.doubleValue();
    }

    private static String string(Map<String, Object> parent, String key, String source, boolean required) {
        Object value = parent.get(key);
        if (value == null || value == Json.NULL) {
            if (required) {
                throw invalid(source, "missing \"" + key + "\"");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid(source, "\"" + key + "\" is not a string");
        }
        return s;
    }

    private static IllegalArgumentException invalid(String source, String message) {
        return new IllegalArgumentException("Piper voice config " + source + ": " + message);
    }
}
