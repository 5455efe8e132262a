package io.voxify.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.events.job.SynthesisSettings;
import io.voxify.gateway.web.RequestFields;
import io.voxify.gateway.webhook.CallbackUrls;
import io.voxify.inference.ssml.SsmlException;
import io.voxify.inference.ssml.SsmlParser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A job's body, read by {@link JobRequest} from the platform's settings (and, on update, the job), gives every
 * body the answer the service gave when it read the body itself: the same request, or the same refusal with its
 * code, message and details in order. The service's reading is kept below as the measure.
 */
class JobRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG = "x".repeat(41);

    private static final List<String> BODIES = List.of(
            "{\"text_content\":\"Hello\"}",
            "{\"text_content\":\"  Hello  \",\"voice_model_id\":\"  preset_en_us_amy  \",\"text_language\":\" en-US \"}",
            "{}",
            "{\"voice_model_id\":\"x\"}",
            "{\"text_content\":null}",
            "{\"text_content\":\"   \"}",
            "{\"text_content\":\"\"}",
            "{\"text_content\":42}",
            "{\"text_content\":\"" + LONG + "\"}",
            "{\"text_content\":\"\uD83D\uDE00" + "x".repeat(39) + "\"}",
            "{\"text_content\":\"Hi\",\"text_language\":\"english please\"}",
            "{\"text_content\":\"Hi\",\"text_language\":7}",
            "{\"text_content\":\"Hi\",\"speed\":3.0,\"pitch\":0.5,\"volume\":0}",
            "{\"text_content\":\"Hi\",\"speed\":3.01,\"pitch\":\"high\",\"volume\":-1}",
            "{\"text_content\":\"Hi\",\"speed\":null,\"pitch\":null}",
            "{\"text_content\":\"Hi\",\"output_format\":\" MP3 \",\"sample_rate\":48000}",
            "{\"text_content\":\"Hi\",\"output_format\":\"ogg\",\"sample_rate\":44100.5}",
            "{\"text_content\":\"Hi\",\"sample_rate\":\"22050\"}",
            "{\"text_content\":\"Hi\",\"sample_rate\":12345678901}",
            "{\"text_content\":\"Hi\",\"callback_url\":\"https://example.com/hook\"}",
            "{\"text_content\":\"Hi\",\"callback_url\":null}",
            "{\"text_content\":\"Hi\",\"callback_url\":\"\"}",
            "{\"text_content\":\"Hi\",\"callback_url\":5}",
            "{\"text_content\":\"Hi\",\"callback_url\":\"http://example.com/hook\"}",
            "{\"text_content\":\"Hi\",\"callback_url\":\"https://127.0.0.1/hook\"}",
            "{\"text_content\":\"Hi\",\"callback_url\":\"not a url\"}",
            "{\"text_content\":\"Hi\",\"config\":{\"emotion\":\"Happy\",\"include_timestamps\":true,"
                    + "\"timestamp_granularity\":\"sentence\"}}",
            "{\"text_content\":\"Hi\",\"config\":{\"emotion\":\"angry\",\"include_timestamps\":\"yes\","
                    + "\"timestamp_granularity\":3,\"other\":1}}",
            "{\"text_content\":\"Hi\",\"config\":[]}",
            "{\"text_content\":\"Hi\",\"config\":null}",
            "{\"text_content\":\"Hi\",\"config\":{}}",
            "{\"text_content\":\"Hi\",\"unknown\":true}",
            "{\"text_content\":\"<speak>Hi</speak>\",\"text_format\":\"SSML\"}",
            "{\"text_content\":\"<speak>Hi\",\"text_format\":\"ssml\"}",
            "{\"text_content\":\"<speak><break time=\\\"9h\\\"/></speak>\",\"text_format\":\"ssml\"}",
            "{\"text_content\":\"<speak>Hi</speak>\",\"text_format\":\"plain\"}",
            "{\"text_content\":\"Hi\",\"text_format\":\"markdown\"}",
            "{\"text_format\":\"ssml\"}",
            "{\"text_content\":\"<speak>" + "y".repeat(30) + "</speak>\",\"text_format\":\"ssml\"}",
            "{\"text_content\":5,\"speed\":9,\"output_format\":1,\"sample_rate\":1,\"callback_url\":[],"
                    + "\"config\":{\"emotion\":1},\"text_format\":\"x\",\"text_language\":\"?\","
                    + "\"voice_model_id\":{}}",
            "{\"text_content\":\"Hi\",\"voice_model_id\":\"" + "v".repeat(129) + "\"}",
            "[]",
            "\"text\"",
            "42",
            "null");

    private static PlatformConfig limits(boolean allowPrivateCallbacks) {
        return new PlatformConfig(
                60,
                100,
                20,
                10_000_000,
                40,
                "preset_en_us_amy",
                true,
                5,
                20,
                300,
                allowPrivateCallbacks,
                10,
                5,
                5,
                4,
                2,
                4,
                2,
                0);
    }

    private static JobView job(String textFormat) {
        SynthesisSettings settings =
                new SynthesisSettings(1.5, 0.8, 1.2, "mp3", 44100, "sad", true, "sentence", Map.of());
        return new JobView(
                "job_1",
                3,
                "usr_1",
                "preset_en_us_amy",
                "Old text",
                "hash",
                "en-US",
                textFormat,
                8,
                2,
                JobStatus.PENDING,
                0,
                null,
                settings,
                null,
                null,
                List.of(),
                null,
                null,
                0,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                null,
                null,
                "https://example.com/old",
                null,
                null);
    }

    @Test
    void aNewJobsBodyIsReadAsTheServiceReadIt() throws Exception {
        int accepted = 0;
        for (boolean allowPrivate : new boolean[] {false, true}) {
            PlatformConfig limits = limits(allowPrivate);
            for (String body : BODIES) {
                JsonNode tree = JSON.readTree(body);
                accepted += Answer.of(() -> JobRequest.parse(tree, limits)).request() != null ? 1 : 0;
                assertSameAnswer(
                        body,
                        () -> ServiceReading.parse(
                                tree, limits.maxTextLength(), JobRequest.DEFAULTS, true, null, allowPrivate),
                        () -> JobRequest.parse(tree, limits));
            }
            assertSameAnswer(
                    "no body",
                    () -> ServiceReading.parse(null, limits.maxTextLength(), JobRequest.DEFAULTS, true, null, false),
                    () -> JobRequest.parse(null, limits));
        }
        assertThat(accepted).as("bodies accepted").isBetween(10, BODIES.size());
    }

    @Test
    void aChangesBodyIsReadAgainstTheJobAsTheServiceReadIt() throws Exception {
        PlatformConfig limits = limits(false);
        for (String format : new String[] {null, JobCreatedEvent.PLAIN_TEXT, JobCreatedEvent.SSML}) {
            JobView current = job(format);
            for (String body : BODIES) {
                JsonNode tree = JSON.readTree(body);
                assertSameAnswer(
                        body + " on a " + format + " job",
                        () -> ServiceReading.parse(
                                tree,
                                limits.maxTextLength(),
                                current.settings(),
                                false,
                                current.textFormat() == null ? JobCreatedEvent.PLAIN_TEXT : current.textFormat(),
                                false),
                        () -> JobRequest.parse(tree, limits, current));
            }
        }
    }

    @Test
    void nullAndAbsentCallbackUrlsStayApart() throws Exception {
        JobView current = job(null);
        JobRequest absent = JobRequest.parse(JSON.readTree("{}"), limits(false), current);
        JobRequest removed = JobRequest.parse(JSON.readTree("{\"callback_url\":null}"), limits(false), current);
        assertThat(absent.callbackUrlGiven()).isFalse();
        assertThat(removed.callbackUrlGiven()).isTrue();
        assertThat(removed.callbackUrl()).isNull();
        assertThat(absent.settings()).isEqualTo(current.settings());
    }

    private static void assertSameAnswer(String body, Supplier<JobRequest> byService, Supplier<JobRequest> typed)
            throws Exception {
        Answer expected = Answer.of(byService);
        assertThat(Answer.of(typed)).as(body).isEqualTo(expected);
    }

    /** A request, or a refusal as the envelope shows it: its code, message and details as JSON (order kept). */
    private record Answer(JobRequest request, ErrorCode code, String message, String details) {
        static Answer of(Supplier<JobRequest> reading) throws Exception {
            try {
                return new Answer(reading.get(), null, null, null);
            } catch (DomainException refused) {
                return new Answer(
                        null, refused.code(), refused.getMessage(), JSON.writeValueAsString(refused.details()));
            }
        }
    }

    /** {@code JobRequest.parse} as {@code JobService.create} and {@code update} called it with the body. */
    private static final class ServiceReading {
        private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$");

        static JobRequest parse(
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
            String readAs = textFormat != null
                    ? textFormat
                    : currentFormat != null ? currentFormat : JobCreatedEvent.PLAIN_TEXT;
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
            String format = f.oneOf("output_format", List.of("wav", "mp3", "flac"));
            Integer rate = f.integerOneOf("sample_rate", List.of(8000, 16000, 22050, 24000, 44100, 48000));
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
                    emotion = c.oneOf("emotion", List.of("neutral", "happy", "sad", "excited"));
                    timestamps = c.bool("include_timestamps");
                    granularity = c.oneOf("timestamp_granularity", List.of("word", "sentence"));
                    try {
                        c.validate(ErrorCode.VALIDATION_ERROR);
                    } catch (DomainException invalid) {
                        if (invalid.details() instanceof Map<?, ?> details) {
                            details.forEach((k, v) -> f.error("config." + k, String.valueOf(v)));
                        }
                    }
                }
            }
            f.validate(ErrorCode.VALIDATION_ERROR);
            if (text != null && JobCreatedEvent.SSML.equals(readAs)) {
                try {
                    SsmlParser.parse(text, maxTextLength);
                } catch (SsmlException invalid) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put(
                            "text_content",
                            "line " + invalid.line() + ", column " + invalid.column() + ": " + invalid.reason());
                    details.put("line", invalid.line());
                    details.put("column", invalid.column());
                    details.put("reason", invalid.reason());
                    throw new DomainException(ErrorCode.VALIDATION_ERROR, invalid.getMessage(), details);
                }
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
    }
}
