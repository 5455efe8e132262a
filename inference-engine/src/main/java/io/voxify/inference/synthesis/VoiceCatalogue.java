package io.voxify.inference.synthesis;

import io.voxify.inference.VoiceInfo;
import io.voxify.inference.engine.EspeakEngine;
import io.voxify.inference.engine.FliteEngine;
import io.voxify.inference.piper.PiperVoice;
import io.voxify.inference.piper.PiperVoices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The voices the engines offer: Flite's, espeak-ng's (with a female variant for a few languages) and the
 * Piper models in a directory (one voice per named speaker), and the lookup from a voice id to what an
 * engine needs to speak with it. Closing it closes the Piper sessions it opened.
 */
public final class VoiceCatalogue implements AutoCloseable {

    /** espeak-ng voices offered with a female variant as well. */
    private static final List<String> FEMALE_VARIANT_LANGUAGES =
            List.of("en-us", "en-gb", "de", "fr-fr", "es", "it", "pt-br");

    private static final String FEMALE_VARIANT = "f3";

    /**
     * One consistent view of the catalogue: a rescan replaces it whole. Multi-speaker Piper voices appear once
     * per speaker ({@code piperSpeakers}: voice id to the model's speaker id); {@code espeakNames} maps our
     * espeak voice ids and aliases ("espeak:fr", "espeak:en") to the name espeak-ng selects by, and
     * "=" + that name back to the voice id.
     */
    private record Entries(
            Map<String, VoiceInfo> voices,
            Map<String, PiperVoice> piperVoices,
            Map<String, Integer> piperSpeakers,
            Map<String, String> espeakNames) {}

    private final FliteEngine flite;
    private final EspeakEngine espeak;
    private final Path piperDirectory;
    private final List<PiperVoice> retiredPiperVoices = new ArrayList<>();
    private volatile Entries entries;

    /**
     * The voices of the engines given (either may be null when it is not installed) and of the Piper models
     * ({@code name.onnx} with {@code name.onnx.json}) in {@code piperDirectory}; a missing directory means none.
     */
    public VoiceCatalogue(FliteEngine flite, EspeakEngine espeak, Path piperDirectory) {
        this.flite = flite;
        this.espeak = espeak;
        this.piperDirectory = piperDirectory;
        this.entries = build();
    }

    public List<VoiceInfo> voices() {
        return List.copyOf(entries.voices().values());
    }

    /** The voice with this id (any case, surrounding blanks ignored), or null when no engine offers it. */
    public Voice resolve(String voiceId) {
        if (voiceId == null) {
            return null;
        }
        Entries e = entries;
        String id = voiceId.trim().toLowerCase(Locale.ROOT);
        if (id.startsWith("flite:")) {
            VoiceInfo info = e.voices().get(id);
            return info == null ? null : new Voice(id, true, id.substring("flite:".length()), info.language(), null, 0);
        }
        if (id.startsWith("piper:")) {
            PiperVoice piper = e.piperVoices().get(id);
            VoiceInfo info = e.voices().get(id);
            if (piper == null || espeak == null) {
                return null;
            }
            String phonemizer = piper.config().espeakVoice().orElse("en-us").toLowerCase(Locale.ROOT);
            return new Voice(
                    id,
                    false,
                    e.espeakNames().getOrDefault("espeak:" + phonemizer, phonemizer),
                    info.language(),
                    piper,
                    e.piperSpeakers().getOrDefault(id, 0));
        }
        if (!id.startsWith("espeak:") || espeak == null) {
            return null;
        }
        int plus = id.indexOf('+');
        String base = plus < 0 ? id : id.substring(0, plus);
        String variant = plus < 0 ? "" : id.substring(plus + 1);
        String name = e.espeakNames().get(base);
        if (name == null || (!variant.isEmpty() && !espeak.hasVariant(variant))) {
            return null;
        }
        VoiceInfo info = e.voices().get(e.espeakNames().get("=" + name));
        String language = info == null ? "" : info.language();
        return new Voice(id, false, variant.isEmpty() ? name : name + "+" + variant, language, null, 0);
    }

    public boolean supports(String voiceId) {
        return resolve(voiceId) != null;
    }

    /**
     * Looks at the models directory again: voices added since start-up join, removed ones leave the
     * catalogue. Replaced sessions stay open until the catalogue closes, since a synthesis may still be
     * using them. Returns the Piper voices now offered.
     */
    public synchronized List<VoiceInfo> rescanNeuralVoices() {
        Entries old = entries;
        Map<String, VoiceInfo> voices = new LinkedHashMap<>();
        old.voices().forEach((id, info) -> {
            if (!info.engine().equals("piper")) {
                voices.put(id, info);
            }
        });
        retiredPiperVoices.addAll(old.piperVoices().values());
        Map<String, Integer> speakers = new LinkedHashMap<>();
        Map<String, PiperVoice> piper = loadPiper(voices, speakers);
        entries = new Entries(
                Collections.unmodifiableMap(voices),
                Collections.unmodifiableMap(piper),
                Collections.unmodifiableMap(speakers),
                old.espeakNames());
        return voices.values().stream().filter(v -> v.engine().equals("piper")).toList();
    }

    @Override
    public synchronized void close() {
        // One model serves each of its speakers: close every distinct session once.
        Stream.concat(entries.piperVoices().values().stream(), retiredPiperVoices.stream())
                .distinct()
                .forEach(PiperVoice::close);
    }

    private Entries build() {
        Map<String, VoiceInfo> voices = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        if (flite != null) {
            for (String name : flite.voiceNames()) {
                String[] meta = FliteEngine.KNOWN_VOICES.get(name).split("\\|", 2);
                String language = name.equals("awb") ? "en-gb-scotland" : "en-us";
                voices.put(
                        "flite:" + name,
                        new VoiceInfo("flite:" + name, "flite", language, meta[0], flite.sampleRate(name), meta[1]));
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
                voices.put(
                        id,
                        new VoiceInfo(
                                id,
                                "espeak",
                                v.language().isEmpty() ? file : v.language(),
                                gender,
                                EspeakEngine.SAMPLE_RATE,
                                "eSpeak NG " + v.name() + espeakCaveat(v.language())));
                names.put(id, file);
                names.putIfAbsent(fileId, file);
                names.put("=" + file, id);
            }
            if (espeak.hasVariant(FEMALE_VARIANT)) {
                for (String language : FEMALE_VARIANT_LANGUAGES) {
                    VoiceInfo base = voices.get("espeak:" + language);
                    if (base != null) {
                        String id = base.voiceId() + "+" + FEMALE_VARIANT;
                        voices.put(
                                id,
                                new VoiceInfo(
                                        id,
                                        "espeak",
                                        base.language(),
                                        "female",
                                        base.nativeSampleRate(),
                                        base.description() + ", female variant"));
                    }
                }
            }
        }
        Map<String, Integer> speakers = new LinkedHashMap<>();
        Map<String, PiperVoice> piper = loadPiper(voices, speakers);
        return new Entries(
                Collections.unmodifiableMap(voices),
                Collections.unmodifiableMap(piper),
                Collections.unmodifiableMap(speakers),
                Collections.unmodifiableMap(names));
    }

    /** Adds the directory's Piper voices to {@code voices} and their speaker ids to {@code speakers}. */
    private Map<String, PiperVoice> loadPiper(Map<String, VoiceInfo> voices, Map<String, Integer> speakers) {
        Map<String, PiperVoice> piper = new LinkedHashMap<>();
        for (Map.Entry<String, PiperVoice> entry :
                PiperVoices.load(piperDirectory).entrySet()) {
            PiperVoice voice = entry.getValue();
            String base = "piper:" + entry.getKey().toLowerCase(Locale.ROOT);
            String language = voice.config()
                    .languageCode()
                    .map(c -> c.replace('_', '-'))
                    .orElse(voice.config().espeakVoice().orElse("en-us"));
            String description = "Piper neural voice " + entry.getKey() + " (VITS on ONNX Runtime, espeak-ng phonemes)";
            Map<String, Integer> named = voice.config().speakerIdMap();
            if (voice.config().numSpeakers() > 1 && !named.isEmpty()) {
                named.forEach((speaker, sid) -> {
                    String id = base + "-" + speaker.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
                    piper.put(id, voice);
                    speakers.put(id, sid);
                    voices.put(
                            id,
                            new VoiceInfo(
                                    id,
                                    "piper",
                                    language,
                                    "unknown",
                                    voice.sampleRate(),
                                    description + ", speaker " + speaker));
                });
            } else {
                piper.put(base, voice);
                voices.put(base, new VoiceInfo(base, "piper", language, "unknown", voice.sampleRate(), description));
            }
        }
        return piper;
    }

    private static String espeakCaveat(String language) {
        return switch (language) {
            case "ja" -> " (kanji read through kuromoji's dictionary readings)";
            case "cmn" -> " (reads pinyin as English; use cmn-latn-pinyin for Mandarin)";
            case "cmn-latn-pinyin" -> " (Mandarin: reads hanzi and pinyin with tones)";
            default -> "";
        };
    }
}
