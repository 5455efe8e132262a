package io.voxify.gateway.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Hostile requests for each operation of the OpenAPI document: its method and path template,
 * its path, query and header parameters by their declared type, and a body of its declared kind
 * (JSON or multipart).
 *
 * <p>The document describes a JSON body as "a JSON object" and a list's filters as a free map of
 * strings (the controllers read them field by field, see {@code RequestFields}), so the field
 * names come from {@link #FIELDS}: every field and query parameter the API reads. Each request
 * draws from all of them, so each operation meets its own fields, other operations' fields
 * (unknown to it) and invented ones, with plausible values (to get past the first check) mixed
 * with hostile ones.
 */
public final class OpenApiFuzzer {

    record Param(String name, String in, String type) {}

    public record Operation(String method, String path, List<Param> params, boolean freeQuery, String body) {
        public String name() {
            return method + " " + path;
        }

        boolean adminRoute() {
            return path.startsWith("/api/v1/admin/")
                    || path.equals("/api/v1/admin")
                    || path.startsWith("/api/v1/audit/events");
        }
    }

    public enum Caller {
        USER,
        ADMIN,
        NOBODY,
        FORGED
    }

    public record Request(String method, String target, Caller caller, List<String[]> headers, byte[] body) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(method)
                    .append(' ')
                    .append(cut(target, 400))
                    .append(" as ")
                    .append(caller);
            headers.forEach(h -> s.append("\n  ").append(h[0]).append(": ").append(cut(h[1], 200)));
            if (body != null) {
                s.append("\n  body (")
                        .append(body.length)
                        .append(" bytes): ")
                        .append(cut(new String(body, StandardCharsets.UTF_8), 600));
            }
            return s.toString();
        }

        private static String cut(String text, int max) {
            String shown = text.length() > max ? text.substring(0, max) + "…" : text;
            StringBuilder escaped = new StringBuilder();
            shown.codePoints()
                    .forEach(c -> escaped.append(
                            c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : new String(Character.toChars(c))));
            return escaped.toString();
        }
    }

    /** The operations of {@code /v3/api-docs}. */
    public static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    List<Param> params = new ArrayList<>();
                    boolean freeQuery = false;
                    for (JsonNode p : op.getValue().path("parameters")) {
                        String type = p.path("schema").path("type").asText("string");
                        if (p.path("in").asText().equals("query") && type.equals("object")) {
                            freeQuery = true;
                        } else {
                            params.add(new Param(
                                    p.path("name").asText(), p.path("in").asText(), type));
                        }
                    }
                    JsonNode content = op.getValue().path("requestBody").path("content");
                    String body = content.has("multipart/form-data")
                            ? "multipart"
                            : content.has("application/json") ? "json" : null;
                    operations.add(new Operation(
                            op.getKey().toUpperCase(Locale.ROOT), path.getKey(), params, freeQuery, body));
                }));
        return operations;
    }

    /**
     * Every body field and query parameter the API reads, each with values that pass its own
     * check, so a request gets as far as the checks of its other fields.
     */
    public static final Map<String, List<Object>> FIELDS = Map.ofEntries(
            Map.entry("text_content", List.of("Hello world.", "<speak>Hi <break time=\"1s\"/> there</speak>")),
            Map.entry("text_format", List.of("plain", "ssml")),
            Map.entry("voice_model_id", List.of("default_voice_001", "standin")),
            Map.entry("voice", List.of("alloy", "default_voice_001")),
            Map.entry("text_language", List.of("en-US", "fr")),
            Map.entry("language", List.of("en-US", "de")),
            Map.entry("speed", List.of(1.0, 0.5, 3.0)),
            Map.entry("pitch", List.of(1.0, 2.0)),
            Map.entry("volume", List.of(1.0, 0.0)),
            Map.entry("output_format", List.of("wav", "mp3", "flac")),
            Map.entry("response_format", List.of("wav", "mp3", "opus", "pcm")),
            Map.entry("stream_format", List.of("wav", "mp3")),
            Map.entry("format", List.of("wav", "mp3")),
            Map.entry("sample_rate", List.of(22050, 16000)),
            Map.entry("config", List.of(Map.of("emotion", "happy", "include_timestamps", true))),
            Map.entry("emotion", List.of("happy")),
            Map.entry("include_timestamps", List.of(true)),
            Map.entry("enable_timestamp_alignment", List.of(true)),
            Map.entry("timestamp_granularity", List.of("word", "sentence")),
            Map.entry("callback_url", List.of("https://example.com/hook", "")),
            Map.entry("email", List.of("someone@example.com")),
            // Never a real password of the fuzzing users: a changed password would end their sessions.
            Map.entry("password", List.of("Wrong-Pass-123!")),
            Map.entry("current_password", List.of("Wrong-Pass-123!")),
            Map.entry("new_password", List.of("Another-Pass-456!")),
            Map.entry("first_name", List.of("Ann")),
            Map.entry("last_name", List.of("Lee")),
            Map.entry("refresh_token", List.of("not-a-refresh-token")),
            Map.entry("model", List.of("tts-1", "gpt-4o-mini-tts")),
            Map.entry("input", List.of("Hello there.")),
            Map.entry("instructions", List.of("Speak calmly.")),
            Map.entry("name", List.of("My voice")),
            Map.entry("description", List.of("A reading")),
            Map.entry("transcript", List.of("Hello")),
            Map.entry("tags", List.of(List.of("calm"), "calm")),
            Map.entry("sample_ids", List.of(List.of("vs_nothing"))),
            Map.entry("epochs", List.of(1, 5)),
            Map.entry("learning_rate", List.of(0.001)),
            Map.entry("batch_size", List.of(8)),
            Map.entry("role", List.of("user", "auditor")),
            Map.entry("is_active", List.of(true, false)),
            Map.entry("status", List.of("cancelled", "completed", "pending,failed")),
            Map.entry("progress", List.of(50)),
            Map.entry("error_message", List.of("boom")),
            Map.entry("limit", List.of("1", "100")),
            Map.entry("offset", List.of("0", "5")),
            Map.entry("page", List.of("1", "2")),
            Map.entry("page_size", List.of("10")),
            Map.entry("sort_by", List.of("created_at", "email", "name")),
            Map.entry("sort_order", List.of("asc", "desc")),
            Map.entry("q", List.of("voice")),
            Map.entry("search", List.of("voice")),
            Map.entry("text_search", List.of("hello")),
            Map.entry("gender", List.of("female")),
            Map.entry("type", List.of("preset", "neural", "job")),
            Map.entry("engine", List.of("piper", "espeak")),
            Map.entry("favorite", List.of("true")),
            Map.entry("owner", List.of("me")),
            Map.entry("scope", List.of("all")),
            Map.entry("user_id", List.of("user_nothing")),
            Map.entry("include_text", List.of("false")),
            Map.entry("created_after", List.of("2024-01-01")),
            Map.entry("created_before", List.of("2030-01-01T00:00:00Z")),
            Map.entry("from", List.of("2024-01-01")),
            Map.entry("to", List.of("2030-01-01")),
            Map.entry("after", List.of("0")),
            Map.entry("at", List.of("2024-01-01T00:00:00Z")),
            Map.entry("aggregate_id", List.of("job_nothing")),
            Map.entry("aggregate_type", List.of("SynthesisJob")),
            Map.entry("clone_id", List.of("vc_nothing")),
            Map.entry("message", List.of("hi")),
            Map.entry("version", List.of(1, 0)),
            Map.entry("requests_per_minute", List.of(1_000_000)),
            Map.entry("syntheses_per_day", List.of(1000)),
            Map.entry("uploads_per_day", List.of(100)),
            Map.entry("max_upload_bytes", List.of(1_048_576)),
            Map.entry("max_text_length", List.of(10_000)),
            Map.entry("default_voice_id", List.of("default_voice_001")),
            Map.entry("registration_open", List.of(true)),
            Map.entry("login_attempts_per_account", List.of(10)),
            Map.entry("login_attempts_per_address", List.of(1_000_000)),
            Map.entry("login_window_seconds", List.of(900)),
            Map.entry("allow_private_callbacks", List.of(false)),
            Map.entry("sample_processings_per_day", List.of(200)),
            Map.entry("clones_per_day", List.of(20)),
            Map.entry("trainings_per_day", List.of(10)),
            Map.entry("max_work_in_flight_per_user", List.of(2)),
            Map.entry("max_audio_streams_per_user", List.of(4)),
            Map.entry("max_event_streams_per_user", List.of(8)),
            Map.entry("max_sync_speech_per_user", List.of(2)),
            Map.entry("job_retention_days", List.of(0)),
            Map.entry("download", List.of("true", "false")),
            Map.entry("expires", List.of("4102444800")),
            Map.entry("signature", List.of("abc")),
            Map.entry("user", List.of("user_nothing")));

    private static final List<String> FIELD_NAMES =
            FIELDS.keySet().stream().sorted().toList();

    /** Strings a hostile client sends anywhere a string goes. */
    static final List<String> HOSTILE_STRINGS = List.of(
            "",
            " ",
            "\t\n",
            "null",
            "undefined",
            "NaN",
            "Infinity",
            "-Infinity",
            "1e999999999",
            "-1",
            "0",
            "-0",
            "2147483648",
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999999999999",
            "0x10",
            "1.5",
            "true",
            "[]",
            "{}",
            "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini",
            "/etc/passwd",
            "file:///etc/passwd",
            "http://127.0.0.1:6379/",
            "http://169.254.169.254/latest/meta-data/",
            "%2e%2e%2f%2e%2e%2f",
            "..%2F..%2F",
            "<script>alert(1)</script>",
            "' OR '1'='1",
            "\"; DROP TABLE users; --",
            "${jndi:ldap://127.0.0.1/a}",
            "#{7*7}",
            "{{7*7}}",
            "%s%s%s%n",
            "\u0000",
            "a\u0000b",
            "\r\nX-Injected: 1",
            "\u202e\u0644\u0627",
            "\uFEFF",
            "\uD800",
            "\uDFFF\uD800",
            "\u0001\u0007\u001b[31m",
            "ｆｕｌｌ",
            "😀".repeat(300),
            "é".repeat(5_000),
            "a".repeat(10_001),
            "x".repeat(100_000),
            "A".repeat(257),
            "job_" + "a".repeat(300),
            "vs_../../x",
            "default_voice_001\u0000",
            "*",
            "%",
            "?",
            "#",
            "&",
            "=",
            ";");

    private static final List<String> RAW_JSON_VALUES = List.of(
            "0",
            "-1",
            "2147483648",
            "9223372036854775808",
            "-9223372036854775809",
            "1e999999999",
            "-1e999999999",
            "1e-999999999",
            "1.7976931348623157e309",
            "0.1",
            "-0.0",
            "1E400",
            "12345678901234567890123456789",
            "true",
            "false",
            "null",
            "[]",
            "{}",
            "[null]",
            "[[[]]]",
            "{\"a\":{\"b\":{}}}",
            "\"\\uD800\"",
            "\"\\u0000\"",
            "[1,\"a\",null,{}]");

    private static final List<String> MALFORMED_JSON = List.of(
            "NaN",
            "Infinity",
            "-Infinity",
            "undefined",
            "0x10",
            "01",
            "+1",
            ".5",
            "1.",
            "--1",
            "\"\\x41\"",
            "\"a\u0001b\"",
            "'single'",
            "{",
            "}",
            "{\"a\":}",
            "{\"a\":1,}",
            "[1,]",
            "{\"a\" 1}",
            "{a:1}",
            "\"unterminated",
            "{\"a\":1}}",
            "{\"a\":1} {\"b\":2}",
            "/* comment */ {}",
            "{\"a\":1 // comment\n}");

    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json; charset=utf-16",
            "application/json; charset=bogus",
            "application/xml",
            "multipart/form-data; boundary=x",
            "multipart/form-data",
            "",
            "*/*",
            "application/json;;;",
            "application/vnd.api+json",
            "text/event-stream");

    private static final List<String> ACCEPTS = List.of(
            "*/*",
            "application/json",
            "text/event-stream",
            "audio/wav",
            "application/xml",
            "text/html",
            "image/png;q=0.1, */*;q=0",
            "",
            "garbage/",
            "application/json;q=abc");

    private static final List<String> RANGES = List.of(
            "bytes=0-",
            "bytes=-1",
            "bytes=-0",
            "bytes=0-0",
            "bytes=5-1",
            "bytes=999999999999999999999-",
            "bytes=0-9223372036854775807",
            "bytes=-9223372036854775808",
            "bytes=abc",
            "items=0-1",
            "bytes=",
            "bytes=0-1," + "2-3,".repeat(300) + "4-5",
            "bytes=1-2,1-2,1-2",
            "bytes=--1",
            "bytes=0-1;x");

    private static final List<String> RAW_PATH_VALUES = List.of(
            "..",
            ".",
            "%2e%2e",
            "%2E%2E%2F%2E%2E",
            "..%2F..%2Fetc%2Fpasswd",
            "%00",
            "%ZZ",
            "%",
            ";a=b",
            "a%2Fb",
            "%252e%252e",
            "~",
            "%C0%AE%C0%AE",
            "%FF",
            "%5C..%5C",
            "a%0D%0AX:1",
            "%u002e");

    public static Gen<Request> requests(Operation op, Map<String, List<String>> ids) {
        return source -> new Draw(source).request(op, ids);
    }

    /** Choices drawn from QuickTheories' randomness, so a failing request shrinks and replays by its seed. */
    private static final class Draw {
        private final RandomnessSource source;

        Draw(RandomnessSource source) {
            this.source = source;
        }

        int between(int min, int max) {
            return (int) source.next(Constraint.between(min, max));
        }

        boolean chance(int percent) {
            return between(0, 99) < percent;
        }

        <T> T pick(List<T> items) {
            return items.get(between(0, items.size() - 1));
        }

        Request request(Operation op, Map<String, List<String>> ids) {
            Caller caller = op.adminRoute()
                    ? pick(List.of(Caller.ADMIN, Caller.ADMIN, Caller.ADMIN, Caller.ADMIN, Caller.USER, Caller.NOBODY))
                    : pick(List.of(
                            Caller.USER,
                            Caller.USER,
                            Caller.USER,
                            Caller.USER,
                            Caller.USER,
                            Caller.USER,
                            Caller.ADMIN,
                            Caller.NOBODY,
                            Caller.FORGED));
            String path = op.path();
            StringBuilder query = new StringBuilder();
            List<String[]> headers = new ArrayList<>();
            for (Param p : op.params()) {
                switch (p.in()) {
                    case "path" -> path = path.replace("{" + p.name() + "}", pathValue(p.name(), ids));
                    case "query" -> {
                        if (chance(60)) {
                            query.append(query.isEmpty() ? "" : "&")
                                    .append(encode(p.name()))
                                    .append('=')
                                    .append(queryValue(p));
                        }
                    }
                    case "header" -> {
                        if (chance(50)) {
                            headers.add(new String[] {p.name(), header(p.name())});
                        }
                    }
                    default -> {
                        // cookies: none are declared
                    }
                }
            }
            if (op.freeQuery() || chance(15)) {
                for (int i = between(0, 5); i > 0; i--) {
                    String name = chance(85) ? pick(FIELD_NAMES) : pick(HOSTILE_STRINGS);
                    query.append(query.isEmpty() ? "" : "&")
                            .append(encode(name))
                            .append('=')
                            .append(
                                    chance(50)
                                            ? encode(String.valueOf(plausible(name)))
                                            : encode(pick(HOSTILE_STRINGS)));
                }
            }
            if (chance(5)) {
                query.append(query.isEmpty() ? "" : "&")
                        .append(pick(List.of(
                                "limit=%ZZ",
                                "a=%00",
                                "%FF=1",
                                "&&&",
                                "=",
                                "limit=1&limit=2&limit=-3",
                                "a[b][c]=1",
                                "a=" + "b".repeat(20_000))));
            }
            if (chance(20)) {
                headers.add(new String[] {"Accept", pick(ACCEPTS)});
            }
            byte[] body = null;
            if (op.body() != null && chance(92) || op.body() == null && chance(5)) {
                if ("multipart".equals(op.body())) {
                    String boundary = "fuzz" + between(0, 1_000_000);
                    headers.add(new String[] {
                        "Content-Type", chance(90) ? "multipart/form-data; boundary=" + boundary : pick(CONTENT_TYPES)
                    });
                    body = multipart(boundary, ids);
                } else {
                    headers.add(new String[] {"Content-Type", chance(80) ? "application/json" : pick(CONTENT_TYPES)});
                    body = jsonBody();
                }
            }
            String target = query.isEmpty() ? path : path + "?" + query;
            return new Request(op.method(), target, caller, headers, body);
        }

        private String pathValue(String name, Map<String, List<String>> ids) {
            int kind = between(0, 9);
            if (kind < 5 && ids.containsKey(name)) {
                return encode(pick(ids.get(name)));
            }
            if (kind < 8) {
                return encode(pick(HOSTILE_STRINGS));
            }
            return pick(RAW_PATH_VALUES);
        }

        private String queryValue(Param p) {
            if (chance(40)) {
                Object plausible = plausible(p.name());
                if (plausible != null) {
                    return encode(String.valueOf(plausible));
                }
                if (p.type().equals("boolean")) {
                    return pick(List.of("true", "false"));
                }
            }
            return encode(pick(HOSTILE_STRINGS));
        }

        private String header(String name) {
            if (name.equalsIgnoreCase("Range")) {
                return pick(RANGES);
            }
            return pick(
                    List.of("*", "\"abc\"", "W/\"" + "x".repeat(5_000) + "\"", "\"\"", "garbage", "W/", "\"a\", *"));
        }

        private Object plausible(String name) {
            List<Object> values = FIELDS.get(name);
            return values == null ? null : pick(values);
        }

        /** JSON text, not a tree: numbers past double range, repeated keys and malformed text are sent as written. */
        byte[] jsonBody() {
            int shape = between(0, 99);
            String text;
            if (shape < 65) {
                text = object(between(0, 7), 0);
            } else if (shape < 72) {
                text = value(0);
            } else if (shape < 80) {
                text = pick(MALFORMED_JSON);
            } else if (shape < 84) {
                int depth = between(33, 3_000);
                text = "{\"config\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            } else if (shape < 87) {
                StringBuilder many = new StringBuilder("{");
                for (int i = between(100, 5_000); i > 0; i--) {
                    many.append("\"k").append(i).append("\":").append(i).append(i > 1 ? "," : "");
                }
                text = many.append('}').toString();
            } else if (shape < 90) {
                String key = pick(FIELD_NAMES);
                text = "{\"" + key + "\":" + json(plausible(key)) + ",\"" + key + "\":" + value(1) + "}";
            } else if (shape < 93) {
                return new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, (byte) 0xc0, '"', '}'};
            } else if (shape < 96) {
                text = "\uFEFF" + object(between(1, 3), 0);
            } else {
                text = "";
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }

        private String object(int fields, int depth) {
            StringBuilder s = new StringBuilder("{");
            for (int i = 0; i < fields; i++) {
                String key = chance(85) ? pick(FIELD_NAMES) : pick(HOSTILE_STRINGS);
                s.append(i == 0 ? "" : ",").append(json(key)).append(':');
                Object plausible = plausible(key);
                s.append(plausible != null && chance(45) ? json(plausible) : value(depth + 1));
            }
            return s.append('}').toString();
        }

        private String value(int depth) {
            int kind = between(0, 9);
            if (depth > 4) {
                kind = Math.min(kind, 5);
            }
            return switch (kind) {
                case 0, 1, 2, 3 -> json(pick(HOSTILE_STRINGS));
                case 4, 5 -> pick(RAW_JSON_VALUES);
                case 6 -> {
                    StringBuilder array = new StringBuilder("[");
                    for (int i = between(0, 4); i > 0; i--) {
                        array.append(value(depth + 1)).append(i > 1 ? "," : "");
                    }
                    yield array.append(']').toString();
                }
                case 7, 8 -> object(between(0, 4), depth);
                default -> {
                    String deep = pick(List.of("[", "{\"a\":"));
                    int n = between(2, 40);
                    yield deep.repeat(n) + "1" + (deep.equals("[") ? "]" : "}").repeat(n);
                }
            };
        }

        private byte[] multipart(String boundary, Map<String, List<String>> ids) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String dash = chance(95) ? boundary : "other";
            for (String field : List.of("name", "description", "language", "transcript")) {
                if (chance(50)) {
                    Object plausible = plausible(field);
                    String value = plausible != null && chance(50) ? String.valueOf(plausible) : pick(HOSTILE_STRINGS);
                    out.writeBytes(("--" + dash + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n"
                                    + value + "\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            if (chance(85)) {
                String filename =
                        chance(60) ? "voice.wav" : pick(HOSTILE_STRINGS).replace("\"", "%22");
                String part = chance(90) ? "file" : pick(HOSTILE_STRINGS);
                out.writeBytes(("--" + dash + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                                + filename + "\"\r\nContent-Type: "
                                + pick(List.of("audio/wav", "application/octet-stream", "text/plain", "")) + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.writeBytes(audioLike());
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            if (chance(90)) {
                out.writeBytes(("--" + dash + "--\r\n").getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        }

        /** Bytes in place of a recording: none, noise, a header and noise, or text. */
        private byte[] audioLike() {
            int kind = between(0, 4);
            byte[] noise = new byte[between(0, 4_096)];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (byte) between(0, 255);
            }
            return switch (kind) {
                case 0 -> new byte[0];
                case 1 -> noise;
                case 2 -> concat("RIFF\u00ff\u00ff\u00ff\u007fWAVEfmt ".getBytes(StandardCharsets.ISO_8859_1), noise);
                case 3 -> concat("fLaC".getBytes(StandardCharsets.ISO_8859_1), noise);
                default -> concat("ID3\u0004\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1), noise);
            };
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] all = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }

        private static String json(Object value) {
            try {
                return ApiClient.JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Percent-encodes all but RFC 3986's unreserved characters, as UTF-8. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
