package io.voxify.gateway.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobView;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.gateway.web.RequestFields;
import io.voxify.gateway.webhook.CallbackUrls;
import io.voxify.inference.ssml.SsmlException;
import io.voxify.inference.ssml.SsmlParser;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields a client may set on a job, validated all at once. On update, what the request
 * leaves out keeps its current value. SSML text is parsed here, so a job never starts with a
 * document the engine would refuse: the whole document (markup included) is held to the text
 * limit, and what is wrong with it is reported with its line and column. {@code callback_url} is
 * checked here for its shape and for a literal address or {@code localhost} host ({@link CallbackUrls});
 * on update, null or "" removes it.
 */
public record JobRequest(
        String text,
        String voiceModelId,
        String textLanguage,
        String textFormat,
        SynthesisSettings settings,
        String callbackUrl,
        boolean callbackUrlGiven) {
    static final List<String> FORMATS = List.of("wav", "mp3", "flac");
    static final List<Integer> SAMPLE_RATES = List.of(8000, 16000, 22050, 24000, 44100, 48000);
    static final List<String> EMOTIONS = List.of("neutral", "happy", "sad", "excited");
    static final List<String> GRANULARITIES = List.of("word", "sentence");
    static final SynthesisSettings DEFAULTS =
            new SynthesisSettings(1.0, 1.0, 1.0, "wav", 22050, "neutral", false, "word", Map.of());
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$");

    /**
     * The body of a new job ({@code POST /api/v1/job}, and the jobs {@code /tts/stream} and the OpenAI speech
     * endpoint create): {@code text_content} is required, what it leaves out takes {@link #DEFAULTS}. The limits
     * are the platform's settings: the text's length, and whether a callback may name a private address.
     */
    public static JobRequest parse(JsonNode body, PlatformConfig limits) {
        return read(body, limits.maxTextLength(), DEFAULTS, true, null, limits.allowPrivateCallbacks());
    }

    /**
     * The body of a change to {@code current} ({@code PUT /api/v1/job/{id}}): what it leaves out keeps the job's
     * value, and its text format cannot change (a job from before text formats is plain text).
     */
    static JobRequest parse(JsonNode body, PlatformConfig limits, JobView current) {
        return read(
                body,
                limits.maxTextLength(),
                current.settings(),
                false,
                current.textFormat() == null ? JobCreatedEvent.PLAIN_TEXT : current.textFormat(),
                limits.allowPrivateCallbacks());
    }

    private static JobRequest read(
            JsonNode body,
            int maxTextLength,
            SynthesisSettings base,
            boolean textRequired,
            String currentFormat,
            boolean allowPrivateCallbacks) {
        RequestFields f = RequestFields.of(body);
        String textFormat = f.oneOf("text_format", JobCreatedEvent.TEXT_FORMATS);
        if (textFormat != null && currentFormat != null && !textFormat.equals(currentFormat)) {
            f.error("text_format", "cannot be changed; this job's text is " + currentFormat);
        }
        String readAs =
                textFormat != null ? textFormat : currentFormat != null ? currentFormat : JobCreatedEvent.PLAIN_TEXT;
        String text = null;
        if (f.has("text_content")) {
            text = f.text("text_content", maxTextLength);
            if (text != null && text.isBlank()) {
                f.error("text_content", "must not be empty");
                text = null;
            }
        } else if (textRequired) {
            f.error("text_content", "is required (1 to " + maxTextLength + " characters)");
        }
        String voice = f.text("voice_model_id", 128);
        String language = f.text("text_language", 35);
        if (language != null && !LANGUAGE.matcher(language.trim()).matches()) {
            f.error("text_language", "must be a language tag such as en-US");
            language = null;
        }
        Double speed = f.number("speed", 0.5, 3.0);
        Double pitch = f.number("pitch", 0.5, 2.0);
        Double volume = f.number("volume", 0.0, 2.0);
        String format = f.oneOf("output_format", FORMATS);
        Integer rate = f.integerOneOf("sample_rate", SAMPLE_RATES);
        boolean callbackGiven = body != null && body.has("callback_url");
        String callbackUrl = null;
        if (f.has("callback_url")) {
            JsonNode node = f.node("callback_url");
            if (!node.isTextual()) {
                f.error("callback_url", "must be a string");
            } else if (!node.asText().isEmpty()) {
                String problem = CallbackUrls.problem(node.asText(), allowPrivateCallbacks);
                if (problem != null) {
                    f.error("callback_url", problem);
                } else {
                    callbackUrl = node.asText();
                }
            }
        }

        String emotion = null;
        Boolean timestamps = null;
        String granularity = null;
        if (f.has("config")) {
            JsonNode config = f.node("config");
            if (!config.isObject()) {
                f.error("config", "must be an object");
            } else {
                RequestFields c = RequestFields.of(config);
                emotion = c.oneOf("emotion", EMOTIONS);
                timestamps = c.bool("include_timestamps");
                granularity = c.oneOf("timestamp_granularity", GRANULARITIES);
                try {
                    c.validate(ErrorCode.VALIDATION_ERROR);
                } catch (io.voxify.events.common.DomainException invalid) {
                    if (invalid.details() instanceof Map<?, ?> details) {
                        details.forEach((k, v) -> f.error("config." + k, String.valueOf(v)));
                    }
                }
            }
        }
        f.validate(ErrorCode.VALIDATION_ERROR);
        if (text != null && JobCreatedEvent.SSML.equals(readAs)) {
            requireValidSsml(text, maxTextLength);
        }
        SynthesisSettings settings = new SynthesisSettings(
                speed != null ? speed : base.speed(),
                pitch != null ? pitch : base.pitch(),
                volume != null ? volume : base.volume(),
                format != null ? format : base.outputFormat(),
                rate != null ? rate : base.sampleRate(),
                emotion != null ? emotion : base.emotion(),
                timestamps != null ? timestamps : base.includeTimestamps(),
                granularity != null ? granularity : base.timestampGranularity(),
                Map.of());
        return new JobRequest(
                text,
                voice == null ? null : voice.trim(),
                language == null ? null : language.trim(),
                readAs,
                settings,
                callbackUrl,
                callbackGiven);
    }

    private static void requireValidSsml(String text, int maxTextLength) {
        try {
            SsmlParser.parse(text, maxTextLength);
        } catch (SsmlException invalid) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    invalid.getMessage(),
                    new InvalidSsmlDetails(
                            "line " + invalid.line() + ", column " + invalid.column() + ": " + invalid.reason(),
                            invalid.line(),
                            invalid.column(),
                            invalid.reason()));
        }
    }
}
