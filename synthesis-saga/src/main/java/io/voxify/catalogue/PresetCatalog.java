package io.voxify.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in presets. English is spoken by Flite (far more intelligible than espeak-ng's English); other
 * languages, and a second British English pair, by espeak-ng's formant synthesis, which is robotic but reads
 * each language's own script. Female and male presets of one espeak-ng language share its phonemes and differ
 * by voice variant (pitch, formants, roughness):
 * <ul>
 *   <li>{@code f3}: pitch 140–240 Hz, the widest range, bright formants</li>
 *   <li>{@code f5}: pitch 160–228 Hz, the highest and smoothest</li>
 *   <li>{@code f2}: pitch 142–220 Hz, slightly rough, lower formants</li>
 *   <li>{@code f4}: pitch 142–200 Hz, narrow range with a light echo</li>
 *   <li>{@code m1}: pitch 75–109 Hz, the lowest, with flutter and roughness</li>
 *   <li>{@code m3}: pitch 80–122 Hz, plain</li>
 *   <li>no variant: the language's own male voice</li>
 * </ul>
 * Mandarin uses {@code cmn-latn-pinyin}: espeak-ng 1.51's {@code cmn} voice reads hanzi as pinyin spoken as
 * English words. Japanese kanji are turned into kana by the inference engine's Japanese front-end before
 * espeak-ng sees them.
 */
public final class PresetCatalog {
    public static final String DEFAULT_VOICE_ID = "default_voice_001";
    public static final String GENTLE_FEMALE_VOICE_ID = "preset_gentle_female_001";

    private static final String ESPEAK_NOTE = " eSpeak NG formant synthesis: clearly synthetic, but it reads ";

    private static final List<PresetVoice> PRESETS = List.of(
            new PresetVoice(
                    DEFAULT_VOICE_ID,
                    "Sally",
                    "en-US",
                    "female",
                    List.of("female", "adult", "calm", "clear"),
                    "Clear, calm American English female voice; the platform default. Flite (CMU slt), the most "
                            + "natural of the built-in voices.",
                    "Hello, this is the default Voxify voice.",
                    "flite:slt"),
            new PresetVoice(
                    "preset_en_us_male_001",
                    "Richard",
                    "en-US",
                    "male",
                    List.of("male", "adult", "mature", "calm"),
                    "Measured American English male voice with a low, steady pitch. Flite (CMU rms).",
                    "Hello, this is Richard speaking.",
                    "flite:rms"),
            new PresetVoice(
                    "preset_en_gb_scottish_male_001",
                    "Alan",
                    "en-GB",
                    "male",
                    List.of("male", "adult", "scottish", "energetic"),
                    "Scottish English male voice. Flite (CMU awb).",
                    "Hello, this is Alan speaking.",
                    "flite:awb"),
            new PresetVoice(
                    "preset_en_us_male_002",
                    "Kal",
                    "en-US",
                    "male",
                    List.of("male", "adult", "deep"),
                    "Deep American English male diphone voice. Flite (CMU kal16), older and more mechanical "
                            + "than the other Flite voices.",
                    "Hello, this is Kal speaking.",
                    "flite:kal16"),
            new PresetVoice(
                    "preset_en_gb_female_001",
                    "Emily",
                    "en-GB",
                    "female",
                    List.of("female", "adult", "clear", "energetic"),
                    "Bright British English female voice with lively intonation." + ESPEAK_NOTE
                            + "British pronunciation.",
                    "Hello, I'm Emily. Shall we put the kettle on and have a chat?",
                    "espeak:en-gb+f3"),
            new PresetVoice(
                    "preset_en_gb_male_001",
                    "Oliver",
                    "en-GB",
                    "male",
                    List.of("male", "adult", "calm", "clear"),
                    "Even, unhurried British English male voice." + ESPEAK_NOTE + "British pronunciation.",
                    "Good afternoon, I'm Oliver. Let me read this to you.",
                    "espeak:en-gb+m3"),
            new PresetVoice(
                    GENTLE_FEMALE_VOICE_ID,
                    "Xiaorou",
                    "zh-CN",
                    "female",
                    List.of("female", "gentle", "sweet", "young"),
                    "A soft and warm female voice suitable for storytelling and meditation. Mandarin Chinese in "
                            + "a high, smooth register." + ESPEAK_NOTE + "hanzi with Mandarin tones.",
                    "你好，我是小柔。让我为你讲一个温暖的故事，慢慢放松下来。",
                    "espeak:cmn-latn-pinyin+f5"),
            new PresetVoice(
                    "preset_zh_male_001",
                    "Wei",
                    "zh-CN",
                    "male",
                    List.of("male", "adult", "calm", "clear"),
                    "Calm Mandarin Chinese male voice for news and instructions." + ESPEAK_NOTE
                            + "hanzi with Mandarin tones.",
                    "大家好，我是小伟。今天天气很好，我们一起出去走走吧。",
                    "espeak:cmn-latn-pinyin+m3"),
            new PresetVoice(
                    "preset_ja_female_001",
                    "Sakura",
                    "ja-JP",
                    "female",
                    List.of("female", "young", "energetic", "clear"),
                    "Bright Japanese female voice." + ESPEAK_NOTE + "kana; kanji are first given their "
                            + "dictionary readings (kuromoji), so mixed kanji and kana text is spoken.",
                    "こんにちは、さくらです。今日はとてもいい天気ですね。",
                    "espeak:ja+f3"),
            new PresetVoice(
                    "preset_ja_male_001",
                    "Haruto",
                    "ja-JP",
                    "male",
                    List.of("male", "adult", "calm"),
                    "Steady Japanese male voice." + ESPEAK_NOTE + "kana; kanji are first given their "
                            + "dictionary readings (kuromoji), so mixed kanji and kana text is spoken.",
                    "はじめまして、ハルトと申します。日本語の文章を読み上げます。",
                    "espeak:ja"),
            new PresetVoice(
                    "preset_ko_female_001",
                    "Jiwoo",
                    "ko-KR",
                    "female",
                    List.of("female", "young", "warm", "gentle"),
                    "Warm Korean female voice in a high, smooth register." + ESPEAK_NOTE + "Hangul.",
                    "안녕하세요, 저는 지우입니다. 오늘도 좋은 하루 보내세요.",
                    "espeak:ko+f5"),
            new PresetVoice(
                    "preset_ko_male_001",
                    "Minjun",
                    "ko-KR",
                    "male",
                    List.of("male", "adult", "calm", "clear"),
                    "Calm Korean male voice." + ESPEAK_NOTE + "Hangul.",
                    "반갑습니다. 저는 민준입니다. 천천히 읽어 드리겠습니다.",
                    "espeak:ko"),
            new PresetVoice(
                    "preset_de_female_001",
                    "Anna",
                    "de-DE",
                    "female",
                    List.of("female", "adult", "clear", "energetic"),
                    "Clear, lively German female voice." + ESPEAK_NOTE + "German spelling, umlauts included.",
                    "Hallo, ich bin Anna. Schön, dass Sie heute da sind!",
                    "espeak:de+f3"),
            new PresetVoice(
                    "preset_de_male_001",
                    "Lukas",
                    "de-DE",
                    "male",
                    List.of("male", "mature", "deep", "calm"),
                    "Low, mature German male voice." + ESPEAK_NOTE + "German spelling, umlauts included.",
                    "Guten Tag, mein Name ist Lukas. Ich lese Ihnen gern etwas vor.",
                    "espeak:de+m1"),
            new PresetVoice(
                    "preset_fr_female_001",
                    "Camille",
                    "fr-FR",
                    "female",
                    List.of("female", "adult", "warm", "gentle"),
                    "Warm French female voice with a slightly husky tone." + ESPEAK_NOTE + "French spelling.",
                    "Bonjour, je m'appelle Camille. Je suis ravie de vous rencontrer.",
                    "espeak:fr-fr+f2"),
            new PresetVoice(
                    "preset_fr_male_001",
                    "Louis",
                    "fr-FR",
                    "male",
                    List.of("male", "adult", "calm"),
                    "Calm French male voice." + ESPEAK_NOTE + "French spelling.",
                    "Bonjour, je suis Louis. Voici la lecture de votre texte.",
                    "espeak:fr-fr+m3"),
            new PresetVoice(
                    "preset_es_female_001",
                    "Lucía",
                    "es-ES",
                    "female",
                    List.of("female", "young", "energetic"),
                    "Lively Castilian Spanish female voice." + ESPEAK_NOTE + "Spanish spelling.",
                    "¡Hola! Soy Lucía. ¿Qué tal estás hoy?",
                    "espeak:es+f3"),
            new PresetVoice(
                    "preset_es_male_001",
                    "Javier",
                    "es-ES",
                    "male",
                    List.of("male", "adult", "clear"),
                    "Clear Castilian Spanish male voice." + ESPEAK_NOTE + "Spanish spelling.",
                    "Buenos días, me llamo Javier. Encantado de conocerle.",
                    "espeak:es"),
            new PresetVoice(
                    "preset_it_female_001",
                    "Giulia",
                    "it-IT",
                    "female",
                    List.of("female", "adult", "calm", "gentle"),
                    "Calm Italian female voice with a narrow, even pitch and a light echo." + ESPEAK_NOTE
                            + "Italian spelling.",
                    "Ciao, sono Giulia. Che bella giornata oggi!",
                    "espeak:it+f4"),
            new PresetVoice(
                    "preset_it_male_001",
                    "Marco",
                    "it-IT",
                    "male",
                    List.of("male", "adult", "energetic"),
                    "Expressive Italian male voice." + ESPEAK_NOTE + "Italian spelling.",
                    "Buongiorno, mi chiamo Marco. Piacere di conoscerla.",
                    "espeak:it"),
            new PresetVoice(
                    "preset_pt_br_female_001",
                    "Ana",
                    "pt-BR",
                    "female",
                    List.of("female", "young", "warm"),
                    "Warm Brazilian Portuguese female voice." + ESPEAK_NOTE + "Portuguese spelling.",
                    "Olá, eu sou a Ana. Tudo bem com você?",
                    "espeak:pt-br+f5"),
            new PresetVoice(
                    "preset_pt_br_male_001",
                    "Rafael",
                    "pt-BR",
                    "male",
                    List.of("male", "adult", "calm"),
                    "Relaxed Brazilian Portuguese male voice." + ESPEAK_NOTE + "Portuguese spelling.",
                    "Bom dia, meu nome é Rafael. Vamos começar a leitura.",
                    "espeak:pt-br+m3"),
            new PresetVoice(
                    "preset_hi_female_001",
                    "Priya",
                    "hi-IN",
                    "female",
                    List.of("female", "adult", "clear", "warm"),
                    "Clear Hindi female voice." + ESPEAK_NOTE + "Devanagari.",
                    "नमस्ते, मैं प्रिया हूँ। आपसे मिलकर बहुत खुशी हुई।",
                    "espeak:hi+f3"),
            new PresetVoice(
                    "preset_hi_male_001",
                    "Arjun",
                    "hi-IN",
                    "male",
                    List.of("male", "mature", "calm"),
                    "Calm, mature Hindi male voice." + ESPEAK_NOTE + "Devanagari.",
                    "नमस्कार, मेरा नाम अर्जुन है। आज का मौसम बहुत अच्छा है।",
                    "espeak:hi"));

    private static final Map<String, PresetVoice> BY_ID = new LinkedHashMap<>();

    static {
        PRESETS.forEach(p -> BY_ID.put(p.voiceModelId(), p));
    }

    private PresetCatalog() {}

    public static List<PresetVoice> all() {
        return PRESETS;
    }

    public static Optional<PresetVoice> find(String voiceModelId) {
        return Optional.ofNullable(BY_ID.get(voiceModelId));
    }
}
