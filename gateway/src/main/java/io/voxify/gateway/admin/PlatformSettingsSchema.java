package io.voxify.gateway.admin;

import io.voxify.catalogue.PresetCatalog;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.inference.SpeechSynthesizer;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The platform settings, declared once: per component of {@link PlatformConfig} (the record the
 * configuration events carry), its wire name, default, bounds, label and one-line description. The
 * admin API's answer and validation, the node's defaults, the console's form (through
 * {@code GET /api/v1/admin/config/schema}) and README's table are all derived from {@link #SETTINGS}.
 * Adding a setting means a component of the record (with a new event revision and its upcaster) and
 * one line here; the declaration refuses to load when the two disagree.
 */
public final class PlatformSettingsSchema {
    /** The prefix of the properties that override a setting's default on a node. */
    public static final String PROPERTY_PREFIX = "voxify.limits.";
    /** The largest upload the server accepts at all (the multipart limit); no setting may allow more. */
    public static final String UPLOAD_CEILING_PROPERTY = "voxify.limits.upload-ceiling-bytes";

    /** In the order of the record's components, which is also the order of the API's answer. */
    public static final List<Setting> SETTINGS = List.of(
            integer(
                    "requests_per_minute",
                    100,
                    1,
                    1_000_000,
                    "Requests per minute (per user)",
                    "Requests each user may make per minute (per address before sign-in)"),
            integer(
                    "syntheses_per_day",
                    1000,
                    0,
                    10_000_000,
                    "Syntheses per day",
                    "Synthesis jobs each user may create per UTC day; 0 allows none"),
            integer(
                    "uploads_per_day",
                    100,
                    0,
                    1_000_000,
                    "Uploads per day",
                    "Voice samples each user may upload per UTC day; 0 allows none"),
            integer(
                            "max_upload_bytes",
                            52_428_800L,
                            1024,
                            52_428_800L,
                            "Largest upload (bytes)",
                            "Largest voice sample accepted, in bytes")
                    .withMaxFrom(UPLOAD_CEILING_PROPERTY)
                    .withAlias(Alias.same(UPLOAD_CEILING_PROPERTY)),
            integer(
                            "max_text_length",
                            SpeechSynthesizer.MAX_TEXT_CHARS,
                            1,
                            SpeechSynthesizer.MAX_TEXT_CHARS,
                            "Longest text (characters)",
                            "Longest text of a synthesis, in characters; never more than the engine accepts")
                    .withMaxFrom("SpeechSynthesizer.MAX_TEXT_CHARS"),
            text(
                    "default_voice_id",
                    PresetCatalog.DEFAULT_VOICE_ID,
                    128,
                    ValueSet.LIBRARY_VOICES,
                    "Default voice",
                    "Voice of a synthesis that names none"),
            bool("registration_open", true, "Registration open", "Whether anyone may create an account"),
            integer(
                    "login_attempts_per_account",
                    10,
                    1,
                    10_000,
                    "Failed sign-ins per account and address (then slowed)",
                    "Failed sign-ins per account from one address within the window before sign-in is slowed"),
            integer(
                    "login_attempts_per_address",
                    100,
                    1,
                    1_000_000,
                    "Failed sign-ins per address",
                    "Failed sign-ins from one address within the window, all accounts together"),
            integer(
                            "login_window_seconds",
                            900,
                            10,
                            86_400,
                            "Sign-in window (seconds)",
                            "The window in which failed sign-ins are counted, in seconds")
                    .withAlias(Alias.durationInSeconds("voxify.limits.login-window")),
            bool(
                            "allow_private_callbacks",
                            false,
                            "Allow private callbacks",
                            "Webhooks to this machine, private networks and plain http (for development only)")
                    .withAlias(Alias.same("voxify.webhooks.allow-private-callbacks"))
                    .withAlias(Alias.same("VOXIFY_WEBHOOK_ALLOW_PRIVATE_CALLBACKS")),
            integer(
                    "sample_processings_per_day",
                    200,
                    0,
                    1_000_000,
                    "Sample processings per day",
                    "Voice sample processings each user may start per UTC day; 0 allows none"),
            integer(
                    "clones_per_day",
                    20,
                    0,
                    1_000_000,
                    "Clones per day",
                    "Voice clones each user may create per UTC day; 0 allows none"),
            integer(
                    "trainings_per_day",
                    10,
                    0,
                    1_000_000,
                    "Trainings per day",
                    "Voice trainings each user may start per UTC day; 0 allows none"),
            // A cap of 0 would lock every user out of the feature; a quota of 0 is how to close one for a day.
            integer(
                    "max_work_in_flight_per_user",
                    2,
                    1,
                    1_000,
                    "Background work at once (per user)",
                    "Syntheses, sample processings, clone fits and trainings of one user running at once"),
            integer(
                    "max_audio_streams_per_user",
                    4,
                    1,
                    1_000,
                    "Audio streams at once (per user)",
                    "Open audio streams of one user (job audio stream, POST /tts/stream)"),
            integer(
                    "max_event_streams_per_user",
                    8,
                    1,
                    1_000,
                    "Progress streams at once (per user)",
                    "Open progress (SSE) streams of one user"),
            integer(
                    "max_sync_speech_per_user",
                    2,
                    1,
                    1_000,
                    "Synchronous speech requests at once (per user)",
                    "POST /v1/audio/speech requests of one user in progress at once"),
            integer(
                    "job_retention_days",
                    0,
                    0,
                    3650,
                    "Job retention (days)",
                    "Days a finished job's text and audio are kept; then the text is erased and the audio"
                            + " removed; 0 keeps them for ever"));

    private static final Constructor<PlatformConfig> CANONICAL = canonicalConstructor();

    static {
        List<String> declared = SETTINGS.stream().map(Setting::name).toList();
        List<String> components = Arrays.stream(PlatformConfig.class.getRecordComponents())
                .map(c -> wireName(c.getName()))
                .toList();
        if (!declared.equals(components)) {
            throw new IllegalStateException("PlatformSettingsSchema.SETTINGS must declare the components of "
                    + "PlatformConfig in their order: " + components + ", not " + declared);
        }
        for (Setting s : SETTINGS) {
            if (s.defaultValue() != null && !s.accepts(s.defaultValue(), s.max())) {
                throw new IllegalStateException("The declared default of " + s.name() + " is outside its bounds");
            }
        }
    }

    private PlatformSettingsSchema() {}

    /** What a setting holds, as its record component's Java type says; named as on the wire. */
    public enum Type {
        INTEGER("integer"),
        BOOLEAN("boolean"),
        STRING("string");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Type of(Class<?> javaType) {
            if (javaType == int.class || javaType == long.class) {
                return INTEGER;
            }
            if (javaType == boolean.class) {
                return BOOLEAN;
            }
            if (javaType == String.class) {
                return STRING;
            }
            throw new IllegalStateException("No platform setting can be a " + javaType);
        }
    }

    /** Values a string setting may take that only the running platform knows. */
    public enum ValueSet {
        LIBRARY_VOICES("must be a preset or neural voice of the library", "a preset or neural voice of the library");

        private final String refusal;
        private final String meaning;

        ValueSet(String refusal, String meaning) {
            this.refusal = refusal;
            this.meaning = meaning;
        }

        /** What a refused value's error detail says. */
        public String refusal() {
            return refusal;
        }

        public String meaning() {
            return meaning;
        }
    }

    /**
     * An older property a node's default may still be given by (read after the setting's own property):
     * kept so that configurations written for earlier releases keep working.
     */
    public record Alias(String property, Class<?> type, Function<Object, Object> toValue) {
        static Alias same(String property) {
            return new Alias(property, null, v -> v);
        }

        static Alias durationInSeconds(String property) {
            return new Alias(property, Duration.class, d -> Math.toIntExact(((Duration) d).toSeconds()));
        }
    }

    /**
     * One setting. {@code min}/{@code max} bound an integer, {@code maxLength} and {@code allowed} a string.
     * {@code maxFrom} names where a max that is a limit of the platform comes from (no default may exceed
     * it, unlike the other bounds, which are what an administrator may choose); when it names a property,
     * the node's value of that property is the max, {@code max} its default.
     */
    public record Setting(
            String name,
            RecordComponent component,
            String label,
            String description,
            Object defaultValue,
            Long min,
            Long max,
            String maxFrom,
            Integer maxLength,
            ValueSet allowed,
            List<Alias> aliases) {

        public Type type() {
            return Type.of(component.getType());
        }

        /** The property that sets this setting's default on a node: {@code voxify.limits.<name in kebab case>}. */
        public String property() {
            return PROPERTY_PREFIX + name.replace('_', '-');
        }

        /** The node's max comes from a property (the upload ceiling) rather than from this declaration. */
        public boolean maxFromProperty() {
            return maxFrom != null && maxFrom.startsWith("voxify.");
        }

        /** This setting's value in {@code config}. */
        public Object read(PlatformConfig config) {
            try {
                return component.getAccessor().invoke(config);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + component.getName(), e);
            }
        }

        /** Within the bounds (with {@code max} as the node's max); a library-voice check is the caller's. */
        boolean accepts(Object value, Long nodeMax) {
            return switch (type()) {
                case INTEGER ->
                    value instanceof Number n
                            && (min == null || n.longValue() >= min)
                            && (nodeMax == null || n.longValue() <= nodeMax);
                case BOOLEAN -> value instanceof Boolean;
                case STRING -> value instanceof String s && s.codePointCount(0, s.length()) <= maxLength;
            };
        }

        Setting withAlias(Alias alias) {
            List<Alias> more = new ArrayList<>(aliases);
            more.add(alias);
            return new Setting(
                    name,
                    component,
                    label,
                    description,
                    defaultValue,
                    min,
                    max,
                    maxFrom,
                    maxLength,
                    allowed,
                    List.copyOf(more));
        }

        Setting withMaxFrom(String source) {
            return new Setting(
                    name, component, label, description, defaultValue, min, max, source, maxLength, allowed, aliases);
        }
    }

    /** The setting of that wire name. */
    public static Setting setting(String name) {
        return SETTINGS.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No platform setting " + name));
    }

    /** A configuration from one value per setting (Integer or Long for integers, Boolean, String). */
    public static PlatformConfig build(Map<String, Object> values) {
        Object[] args = new Object[SETTINGS.size()];
        for (int i = 0; i < args.length; i++) {
            Setting s = SETTINGS.get(i);
            Object value = values.get(s.name());
            if (value == null) {
                throw new IllegalArgumentException("No value for " + s.name());
            }
            Class<?> type = s.component().getType();
            args[i] = type == int.class
                    ? Math.toIntExact(((Number) value).longValue())
                    : type == long.class ? ((Number) value).longValue() : value;
        }
        try {
            return CANONICAL.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build a PlatformConfig", e);
        }
    }

    /** {@code maxTextLength} → {@code max_text_length}. */
    static String wireName(String componentName) {
        return componentName.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static Setting integer(
            String name, long defaultValue, long min, long max, String label, String description) {
        return declare(name, label, description, defaultValue, min, max, null, null);
    }

    private static Setting bool(String name, boolean defaultValue, String label, String description) {
        return declare(name, label, description, defaultValue, null, null, null, null);
    }

    private static Setting text(
            String name, String defaultValue, int maxLength, ValueSet allowed, String label, String description) {
        return declare(name, label, description, defaultValue, null, null, maxLength, allowed);
    }

    private static Setting declare(
            String name,
            String label,
            String description,
            Object defaultValue,
            Long min,
            Long max,
            Integer maxLength,
            ValueSet allowed) {
        RecordComponent component = Arrays.stream(PlatformConfig.class.getRecordComponents())
                .filter(c -> wireName(c.getName()).equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("PlatformConfig has no component for " + name));
        Type type = Type.of(component.getType());
        boolean fits = switch (type) {
            case INTEGER -> defaultValue instanceof Long && min != null && max != null;
            case BOOLEAN -> defaultValue instanceof Boolean;
            case STRING -> defaultValue instanceof String && maxLength != null;
        };
        if (!fits) {
            throw new IllegalStateException(name + " is declared unlike its component " + component);
        }
        return new Setting(
                name, component, label, description, defaultValue, min, max, null, maxLength, allowed, List.of());
    }

    @SuppressWarnings("unchecked")
    private static Constructor<PlatformConfig> canonicalConstructor() {
        Class<?>[] types = Arrays.stream(PlatformConfig.class.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return PlatformConfig.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
