package io.voxify.gateway.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.gateway.support.ApiClient;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a client can rely on in one answer, written as stable text: the status, the headers that
 * matter, and the JSON body as paths with their types. Values are left out (they change from run
 * to run) except where a client branches on them: {@code success}, {@code status}, {@code code},
 * {@code event}, {@code role} and an OpenAI error's {@code type}. Ids, UUIDs, times and counts in
 * paths and headers are replaced by placeholders.
 */
final class WireShape {
    /** Keys whose values are enumerations a client switches on: recorded with the type. */
    private static final Set<String> ENUM_KEYS = Set.of("success", "status", "code", "event", "role");
    /** Hop-by-hop and framing headers: they say how bytes travelled, not what the API promises. */
    private static final Set<String> IGNORED_HEADERS =
            Set.of("date", "content-length", "transfer-encoding", "keep-alive", "connection");
    /** Headers whose presence is the contract and whose value is different every time. */
    private static final Set<String> PRESENCE_ONLY =
            Set.of("etag", "last-modified", "x-request-id", "x-correlation-id", "expires", "set-cookie");
    /**
     * The header lines nearly every answer carries (security headers, request ids, rate-limit figures):
     * written once at the top of the recording; an answer lists only its other headers, and marks one of
     * these it lacks as {@code missing}.
     */
    static final List<String> COMMON_HEADERS = List.of(
            "header cache-control: no-cache, no-store, max-age=0, must-revalidate",
            "header expires: <present>",
            "header pragma: no-cache",
            "header vary: Origin",
            "header vary: Access-Control-Request-Method",
            "header vary: Access-Control-Request-Headers",
            "header x-content-type-options: nosniff",
            "header x-correlation-id: <present>",
            "header x-frame-options: DENY",
            "header x-ratelimit-limit: <integer>",
            "header x-ratelimit-remaining: <integer>",
            "header x-ratelimit-reset: <integer>",
            "header x-request-id: <present>",
            "header x-xss-protection: <integer>");

    private static final Pattern PREFIXED_ID = Pattern.compile("\\b([a-z]+(?:_[a-z]+)*_)[0-9a-z]{20,}\\b");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private WireShape() {}

    /** The shape of an HTTP answer: status line, headers, then the body's paths. */
    static List<String> of(ApiClient.Response r) {
        List<String> lines = new ArrayList<>();
        lines.add("status: " + r.status());
        lines.addAll(headers(r.headers()));
        lines.addAll(body(r.headers().firstValue("Content-Type").orElse(""), r.body()));
        return lines;
    }

    /**
     * An audio answer streamed from another thread: Spring Security adds its cache headers when the request
     * thread leaves the filter chain, which is before or after the streaming thread commits the response,
     * so today the three lines are there on one run and not on the next. They are left out here (and
     * only here) with a note saying so; every other header is recorded as usual.
     */
    static List<String> ofStreamed(ApiClient.Response r) {
        List<String> lines = new ArrayList<>(of(r));
        lines.removeIf(line -> SECURITY_CACHE_HEADERS.contains(line.replaceFirst("^missing ", "")));
        lines.add(1, "note: Spring Security's cache-control/expires/pragma race the streaming thread: not recorded");
        return lines;
    }

    private static final List<String> SECURITY_CACHE_HEADERS = List.of(
            "header cache-control: no-cache, no-store, max-age=0, must-revalidate",
            "header expires: <present>",
            "header pragma: no-cache");

    static List<String> headers(HttpHeaders headers) {
        List<String> all = allHeaders(headers);
        List<String> lines = new ArrayList<>();
        for (String common : COMMON_HEADERS) {
            if (!all.contains(common)) {
                lines.add("missing " + common);
            }
        }
        all.stream().filter(line -> !COMMON_HEADERS.contains(line)).forEach(lines::add);
        return lines;
    }

    private static List<String> allHeaders(HttpHeaders headers) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(headers.map()).forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (IGNORED_HEADERS.contains(key) || key.equals(":status")) {
                return;
            }
            for (String value : values) {
                lines.add("header " + key + ": " + headerValue(key, value));
            }
        });
        return lines;
    }

    static List<String> body(String contentType, byte[] body) {
        if (body.length == 0) {
            return List.of("body: empty");
        }
        if (!contentType.contains("json")) {
            return List.of("body: " + contentType.replaceAll(";.*", "") + " bytes");
        }
        JsonNode json;
        try {
            json = ApiClient.JSON.readTree(body);
        } catch (IOException e) {
            return List.of("body: NOT JSON although " + contentType);
        }
        return json(json, "$");
    }

    /** The JSON as sorted {@code path: type} lines; an array is described by its elements, all of them. */
    static List<String> json(JsonNode node, String root) {
        Map<String, TreeSet<String>> types = new TreeMap<>();
        Map<String, TreeSet<String>> values = new TreeMap<>();
        walk(node, root, null, types, values);
        List<String> lines = new ArrayList<>();
        types.forEach((path, t) -> {
            String line = "  " + path + ": " + String.join("|", t);
            TreeSet<String> v = values.get(path);
            if (v != null) {
                line += " = " + String.join("|", v);
            }
            lines.add(line);
        });
        return lines;
    }

    /** Only the top level of a large document (the OpenAPI description): its keys and their types. */
    static List<String> topLevel(JsonNode node) {
        List<String> lines = new ArrayList<>();
        TreeMap<String, String> fields = new TreeMap<>();
        node.fields().forEachRemaining(f -> fields.put(f.getKey(), type(f.getValue())));
        fields.forEach((k, t) -> lines.add("  $." + k + ": " + t));
        return lines;
    }

    private static void walk(
            JsonNode node,
            String path,
            String key,
            Map<String, TreeSet<String>> types,
            Map<String, TreeSet<String>> values) {
        String type = type(node);
        if (node.isArray() && node.isEmpty()) {
            type = "array(empty)";
        }
        types.computeIfAbsent(path, p -> new TreeSet<>()).add(type);
        if (node.isValueNode()
                && !node.isNull()
                && key != null
                && (ENUM_KEYS.contains(key) || path.endsWith("error.type"))) {
            values.computeIfAbsent(path, p -> new TreeSet<>()).add(node.asText());
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = normalise(field.getKey());
                walk(field.getValue(), path + "." + name, field.getKey(), types, values);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walk(element, path + "[]", key, types, values);
            }
        }
    }

    static String type(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Ids, UUIDs and times as placeholders, so that a path or a header reads the same on every run. */
    static String normalise(String text) {
        String out = PREFIXED_ID.matcher(text).replaceAll("$1{id}");
        out = UUID.matcher(out).replaceAll("{uuid}");
        return TIME.matcher(out).replaceAll("{time}");
    }

    private static String headerValue(String name, String value) {
        if (PRESENCE_ONLY.contains(name)) {
            return "<present>";
        }
        if (INTEGER.matcher(value.trim()).matches()) {
            return "<integer>";
        }
        if (name.equals("allow")) {
            // A set: Spring writes the methods in hash order, which differs from run to run.
            return String.join(",", new TreeSet<>(List.of(value.split("\\s*,\\s*"))));
        }
        if (name.equals("content-range")) {
            return DIGITS.matcher(value).replaceAll("{n}");
        }
        return normalise(value);
    }
}
