package io.voxify.inference.synthesis;

import io.voxify.inference.Emotion;
import io.voxify.inference.SynthesisException;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.audio.AudioEncoder;
import io.voxify.inference.ssml.Prosody;
import io.voxify.inference.ssml.SsmlDocument;
import io.voxify.inference.ssml.SsmlParser;
import io.voxify.inference.ssml.SsmlPiece;
import io.voxify.inference.text.LanguageFrontEnd;
import io.voxify.inference.text.NormalizedText;
import io.voxify.inference.text.SentenceSplitter;
import io.voxify.inference.text.TextSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A request checked and turned into a {@link Plan}: plain text split into sentences, each read by its voice's
 * language front-end; an SSML document ({@link SsmlParser}) into sentences with their own prosody and voice,
 * silences and marks. No engine is touched here.
 */
public final class SpeechPlanner {

    public static final Set<Integer> SAMPLE_RATES = Set.of(8000, 16000, 22050, 24000, 44100, 48000);
    /**
     * About ten minutes of speech. The whole result is built in memory (float PCM plus its encoding), which
     * for 48 kHz output is roughly 250 MB per hour of audio; longer texts belong in several requests.
     */
    public static final int MAX_TEXT_CHARS = 10_000;

    private final Function<String, Voice> voices;

    /** {@code voices} finds a catalogue voice by id (null when there is none), for SSML's {@code <lang>}. */
    public SpeechPlanner(Function<String, Voice> voices) {
        this.voices = voices;
    }

    /** The request's own settings (its emotion multiplied in), or the refusal of the first value out of range. */
    public static Settings validate(SynthesisRequest r) {
        if (r == null || r.text() == null || r.text().isBlank()) {
            throw new SynthesisException(SynthesisException.EMPTY_TEXT, "text is empty");
        }
        // Characters are code points, as the API counts them (an emoji is one character, not two).
        int characters = r.text().codePointCount(0, r.text().length());
        if (characters > MAX_TEXT_CHARS) {
            throw new SynthesisException(
                    SynthesisException.TEXT_TOO_LONG,
                    "text has " + characters + " characters, at most " + MAX_TEXT_CHARS + " are accepted");
        }
        requireRange("speed", r.speed(), 0.5, 3.0);
        requireRange("pitch", r.pitch(), 0.5, 2.0);
        requireRange("volume", r.volume(), 0.0, 2.0);
        Emotion emotion = Emotion.parse(r.emotion());
        String format = r.format() == null ? "wav" : r.format().trim().toLowerCase(Locale.ROOT);
        if (!AudioEncoder.supports(format)) {
            throw new SynthesisException(
                    SynthesisException.UNSUPPORTED_FORMAT, "format must be wav, mp3 or flac: " + r.format());
        }
        if (!SAMPLE_RATES.contains(r.sampleRate())) {
            throw new SynthesisException(
                    SynthesisException.UNSUPPORTED_SAMPLE_RATE,
                    "sample rate must be one of 8000, 16000, 22050, 24000, 44100, 48000: " + r.sampleRate());
        }
        if (r.textFormat() != null && !r.textFormat().equals(SynthesisRequest.PLAIN) && !r.ssml()) {
            throw new SynthesisException(
                    SynthesisException.INVALID_PARAMETER, "text format must be plain or ssml: " + r.textFormat());
        }
        String granularity = r.timestampGranularity() == null
                ? "word"
                : r.timestampGranularity().trim().toLowerCase(Locale.ROOT);
        if (!granularity.equals("word") && !granularity.equals("sentence")) {
            throw new SynthesisException(
                    SynthesisException.INVALID_PARAMETER,
                    "timestamp granularity must be word or sentence: " + r.timestampGranularity());
        }
        return new Settings(
                r.speed() * emotion.speed(),
                r.pitch() * emotion.pitch(),
                emotion.range(),
                r.volume() * emotion.volume(),
                format,
                r.sampleRate(),
                granularity.equals("sentence"),
                1.0,
                0.0,
                1.0);
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new SynthesisException(
                    SynthesisException.INVALID_PARAMETER,
                    name + " must be between " + min + " and " + max + ": " + value);
        }
    }

    /** The text (an SSML document when {@code ssml}) as steps for {@code voice}; refused when nothing is spoken. */
    public Plan plan(String text, boolean ssml, Voice voice, Settings settings) {
        Plan plan = new Plan(ssml ? ssmlSteps(text, voice, settings) : plainSteps(text, voice, settings));
        if (plan.sentences() == 0) {
            throw new SynthesisException(SynthesisException.EMPTY_TEXT, "text has nothing to speak");
        }
        return plan;
    }

    private static List<Step> plainSteps(String text, Voice voice, Settings settings) {
        LanguageFrontEnd frontEnd = LanguageFrontEnd.forLanguage(voice.language());
        List<Step> steps = new ArrayList<>();
        for (TextSpan s : SentenceSplitter.split(text)) {
            steps.add(new Step.Say(voice, s, frontEnd.prepare(text, s.start(), s.end()), settings, true));
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
                steps.add(new Step.Pause(pause.seconds()));
            } else if (piece instanceof SsmlPiece.Mark mark) {
                steps.add(new Step.Mark(mark.name(), mark.offset()));
            } else if (piece instanceof SsmlPiece.Speech speech) {
                Voice v = voiceFor(voice, speech.language());
                Prosody p = speech.prosody();
                Settings s = new Settings(
                        clamp(settings.speed() * p.rate(), 0.5, 3.0),
                        clamp(settings.pitch() * p.pitch(), 0.5, 2.0),
                        settings.range(),
                        clamp(settings.volume() * p.volume(), 0.0, 2.0),
                        settings.format(),
                        settings.sampleRate(),
                        settings.sentenceGranularity(),
                        settings.formantScale(),
                        settings.breathiness(),
                        settings.pauseFactor());
                NormalizedText spoken = speech.textFor(v.language());
                LanguageFrontEnd frontEnd = LanguageFrontEnd.forLanguage(v.language());
                List<TextSpan> sentences = SentenceSplitter.split(spoken.text());
                for (int i = 0; i < sentences.size(); i++) {
                    TextSpan span = sentences.get(i);
                    int[] range = spoken.sourceRange(span.start(), span.end());
                    boolean last = i == sentences.size() - 1;
                    steps.add(new Step.Say(
                            v,
                            new TextSpan(span.text(), range[0], range[1]),
                            frontEnd.prepare(spoken.text(), span.start(), span.end())
                                    .through(spoken),
                            s,
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
            Voice exact = voices.apply("espeak:" + language);
            if (exact != null) {
                return exact;
            }
            if (samePrimary) {
                return voice;
            }
        }
        Voice other = voices.apply("espeak:" + language);
        if (other == null) {
            other = voices.apply("espeak:" + primary);
        }
        return other != null ? other : voice;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
