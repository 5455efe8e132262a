package io.voxify.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.catalogue.PresetCatalog;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.web.RequestFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The body of OpenAI's {@code POST /v1/audio/speech} as the official SDKs send it, validated all at
 * once (per-field messages in {@code error.details}, under OpenAI's field names) and mapped onto a
 * Voxify job:
 * <ul>
 *   <li>{@code model}: {@code tts-1}, {@code tts-1-hd} and {@code gpt-4o-mini-tts} are accepted and all run
 *   the same job pipeline; the voice decides the engine (Flite, eSpeak NG, Piper or a clone).</li>
 *   <li>{@code voice}: an OpenAI voice name (a fixed mapping onto the built-in English presets, {@link #OPENAI_VOICES}),
 *   or any Voxify {@code voice_model_id} as is (a user's own clones included); also the newer
 *   {@code {"id": "..."}} object form.</li>
 *   <li>{@code response_format}: {@code mp3} (the default, as at OpenAI), {@code wav}, {@code flac}, and
 *   {@code pcm} (raw 24 kHz 16-bit little-endian mono, cut from the job's WAV). Every format is made at
 *   24 kHz, OpenAI's rate. {@code opus} and {@code aac} are refused: the engine does not encode them.</li>
 *   <li>{@code speed}: the job's speed as is; OpenAI allows 0.25–4.0 but the platform speaks 0.5–3.0, and a
 *   value it cannot honour is refused rather than clamped.</li>
 *   <li>{@code input}: 1 to 4096 characters (OpenAI's limit), and no more than the platform's own limit.</li>
 *   <li>{@code instructions} (gpt-4o-mini-tts) is accepted and not applied: no engine takes free-form
 *   directions. {@code stream_format} may be {@code audio} only; {@code sse} is refused. Other fields are
 *   ignored, so a newer SDK's additions do not break old servers.</li>
 * </ul>
 */
record SpeechRequest(
        String model, String input, String voiceModelId, String requestedVoice, String format, double speed) {
    static final List<String> MODELS = List.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts");
    static final List<String> FORMATS = List.of("mp3", "wav", "flac", "pcm");
    static final List<String> UNSUPPORTED_FORMATS = List.of("opus", "aac");
    static final int OPENAI_MAX_INPUT = 4096;
    static final double MIN_SPEED = 0.5;
    static final double MAX_SPEED = 3.0;
    static final int SAMPLE_RATE = 24_000;

    /** OpenAI's voices onto the built-in English presets: by the voice's gender, then its character. */
    static final Map<String, String> OPENAI_VOICES;

    static {
        Map<String, String> voices = new LinkedHashMap<>();
        String sally = PresetCatalog.DEFAULT_VOICE_ID; // Flite slt: en-US female
        String emily = "preset_en_gb_female_001"; // eSpeak NG en-gb+f3: British female
        String richard = "preset_en_us_male_001"; // Flite rms: en-US male
        String alan = "preset_en_gb_scottish_male_001"; // Flite awb: Scottish English male
        String kal = "preset_en_us_male_002"; // Flite kal16: deep en-US male
        String oliver = "preset_en_gb_male_001"; // eSpeak NG en-gb+m3: British male
        voices.put("alloy", sally);
        voices.put("ash", richard);
        voices.put("ballad", oliver);
        voices.put("coral", sally);
        voices.put("echo", richard);
        voices.put("fable", alan);
        voices.put("nova", sally);
        voices.put("onyx", kal);
        voices.put("sage", emily);
        voices.put("shimmer", sally);
        voices.put("verse", richard);
        OPENAI_VOICES = Collections.unmodifiableMap(voices);
    }

    static SpeechRequest parse(JsonNode body, int platformMaxText) {
        RequestFields f = RequestFields.of(body);
        int maxInput = Math.min(OPENAI_MAX_INPUT, platformMaxText);

        String model = f.requiredText("model");
        if (model != null && !MODELS.contains(model.trim())) {
            f.error("model", "must be one of " + MODELS);
            model = null;
        }

        String input = null;
        if (!f.has("input")) {
            f.requiredText("input");
        } else {
            input = f.text("input", maxInput);
            if (input != null && input.isBlank()) {
                f.error("input", "must not be empty");
                input = null;
            }
        }

        String requested = null;
        if (f.has("voice") && f.node("voice").isObject()) {
            JsonNode id = f.node("voice").get("id");
            if (id != null
                    && id.isTextual()
                    && !id.asText().isBlank()
                    && id.asText().length() <= 128) {
                requested = id.asText().trim();
            } else {
                f.error("voice", "must be a voice name or an object with a voice id");
            }
        } else if (f.has("voice")) {
            String voice = f.text("voice", 128);
            if (voice != null && voice.isBlank()) {
                f.error("voice", "must not be empty");
            } else if (voice != null) {
                requested = voice.trim();
            }
        } else {
            f.requiredText("voice");
        }

        String format = "mp3";
        if (f.has("response_format")) {
            String asked = f.text("response_format", 16);
            String lower = asked == null ? null : asked.trim().toLowerCase(Locale.ROOT);
            if (lower != null && !FORMATS.contains(lower)) {
                f.error(
                        "response_format",
                        (UNSUPPORTED_FORMATS.contains(lower) ? lower + " is not produced by this server; " : "")
                                + "must be one of " + FORMATS);
            } else if (lower != null) {
                format = lower;
            }
        }

        double speed = 1.0;
        if (f.has("speed")) {
            JsonNode n = f.node("speed");
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                f.error("speed", "must be a number between " + MIN_SPEED + " and " + MAX_SPEED);
            } else if (n.asDouble() < MIN_SPEED || n.asDouble() > MAX_SPEED) {
                f.error(
                        "speed",
                        "must be between " + MIN_SPEED + " and " + MAX_SPEED
                                + " (OpenAI allows 0.25 to 4.0; this server speaks " + MIN_SPEED + " to " + MAX_SPEED
                                + ")");
            } else {
                speed = n.asDouble();
            }
        }

        if (f.has("instructions")) {
            f.text("instructions", OPENAI_MAX_INPUT);
        }
        if (f.has("stream_format")) {
            String stream = f.text("stream_format", 16);
            if (stream != null && !stream.trim().equalsIgnoreCase("audio")) {
                f.error("stream_format", "must be audio (sse is not supported)");
            }
        }
        try {
            f.validate(ErrorCode.VALIDATION_ERROR);
        } catch (DomainException invalid) {
            throw readable(invalid);
        }
        String voiceModelId = OPENAI_VOICES.getOrDefault(requested.toLowerCase(Locale.ROOT), requested);
        return new SpeechRequest(model.trim(), input, voiceModelId, requested, format, speed);
    }

    /**
     * An SDK shows its user {@code error.message} alone: a refusal of field values names what is wrong
     * with each there too, not only in {@code error.details}.
     */
    private static DomainException readable(DomainException invalid) {
        if (invalid.code() != ErrorCode.VALIDATION_ERROR || !(invalid.details() instanceof Map<?, ?> details)) {
            return invalid;
        }
        StringJoiner message = new StringJoiner("; ", "Invalid request: ", "");
        details.forEach((field, problem) -> message.add(field + " " + problem));
        return new DomainException(invalid.code(), message.toString(), details);
    }

    /**
     * The job the speech becomes, as a body of {@code POST /api/v1/job}, so it passes the same checks as one;
     * pcm is cut from a WAV.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record JobBody(String textContent, String voiceModelId, String outputFormat, int sampleRate, double speed) {}

    JobBody jobBody() {
        return new JobBody(input, voiceModelId, format.equals("pcm") ? "wav" : format, SAMPLE_RATE, speed);
    }

    static String contentType(String format) {
        return switch (format) {
            case "mp3" -> "audio/mpeg";
            case "wav" -> "audio/wav";
            case "flac" -> "audio/flac";
            case "pcm" -> "audio/pcm";
            default -> throw new DomainException(ErrorCode.VALIDATION_ERROR, "Unsupported format " + format);
        };
    }
}
