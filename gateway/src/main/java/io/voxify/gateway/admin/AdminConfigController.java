package io.voxify.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.catalogue.PresetCatalog;
import io.voxify.catalogue.PresetVoice;
import io.voxify.catalogue.VoiceDirectory;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.admin.PlatformSettingsSchema.Setting;
import io.voxify.gateway.admin.PlatformSettingsSchema.ValueSet;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.RequestFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform configuration, its settings as {@link PlatformSettingsSchema} declares them. PUT
 * takes any subset of the settings (the others keep their values), validates each one against its
 * declared bounds, and records the change as an event; it applies without a restart. Unknown
 * fields are refused rather than silently ignored. A PUT may carry the {@code version} it read: if
 * the configuration changed since, it answers 409 instead of undoing that change.
 */
@RestController
@Tag(name = "Administration")
@RequestMapping("/api/v1/admin/config")
public class AdminConfigController {
    /** What a PUT may carry: every setting, and the version the change is built on. */
    static final List<String> FIELDS = Stream.concat(
                    PlatformSettingsSchema.SETTINGS.stream().map(Setting::name), Stream.of("version"))
            .toList();

    private final PlatformSettings settings;
    private final PlatformDefaults defaults;
    private final VoiceDirectory voices;

    public AdminConfigController(PlatformSettings settings, PlatformDefaults defaults, VoiceDirectory voices) {
        this.settings = settings;
        this.defaults = defaults;
        this.voices = voices;
    }

    @GetMapping
    ResponseEntity<Envelope<Map<String, Object>>> get() {
        return Envelope.ok(json(settings.current()));
    }

    @Operation(
            summary = "Every platform setting: its type, this node's default, its bounds and what it means",
            description = """
                    One object per setting, in the order of `GET /api/v1/admin/config`: `name`, `type` \
                    (`integer`, `boolean` or `string`), `label`, `description`, `default` (this node's, used until an \
                    administrator changes the setting), `min` and `max` (integers; `max_text_length` never exceeds \
                    what the engine accepts, `max_upload_bytes` the upload ceiling), `max_length` and \
                    `allowed_values` (strings; `default_voice_id` takes a preset or neural voice of the library). \
                    Fields that do not apply to a setting's type are `null`.""")
    @GetMapping("/schema")
    ResponseEntity<Envelope<List<SettingSchemaResponse>>> schema() {
        return Envelope.ok(PlatformSettingsSchema.SETTINGS.stream()
                .map(s -> new SettingSchemaResponse(
                        s.name(),
                        s.type().wire(),
                        s.label(),
                        s.description(),
                        defaults.value(s),
                        s.min(),
                        defaults.max(s),
                        s.maxLength(),
                        s.allowed() == null ? null : allowedValues(s.allowed())))
                .toList());
    }

    @ApiErrors({ErrorCode.VALIDATION_ERROR, ErrorCode.INVALID_JSON, ErrorCode.CONFLICT})
    @PutMapping
    ResponseEntity<Envelope<Map<String, Object>>> put(
            @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) JsonNode body) {
        AuthenticatedUser admin = AuthenticatedUser.from(jwt);
        RequestFields f = RequestFields.of(body);
        f.rejectUnknown(FIELDS);
        PlatformSettings.Current base = settings.fresh();
        PlatformConfig c = base.config();
        // The version the caller read (optional): a change built on an older one answers 409.
        Long version = f.integer("version", 0, Long.MAX_VALUE);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting s : PlatformSettingsSchema.SETTINGS) {
            Object value = switch (s.type()) {
                case INTEGER -> f.integer(s.name(), s.min(), defaults.max(s));
                case BOOLEAN -> f.bool(s.name());
                case STRING -> f.text(s.name(), s.maxLength());
            };
            if (value != null && s.allowed() != null && !allowed(s.allowed(), (String) value)) {
                f.error(s.name(), s.allowed().refusal());
                value = null;
            }
            values.put(s.name(), value != null ? value : s.read(c));
        }
        f.validate(ErrorCode.VALIDATION_ERROR);
        PlatformConfig changed = PlatformSettingsSchema.build(values);
        return Envelope.ok(
                json(settings.change(changed, admin.userId(), version != null ? version : base.version())),
                "Configuration updated");
    }

    private boolean allowed(ValueSet set, String value) {
        return switch (set) {
            case LIBRARY_VOICES ->
                !value.startsWith("vc_") && voices.resolve(value, null).isPresent();
        };
    }

    private List<String> allowedValues(ValueSet set) {
        return switch (set) {
            case LIBRARY_VOICES ->
                Stream.concat(
                                PresetCatalog.all().stream().map(PresetVoice::voiceModelId),
                                voices.neuralVoices().stream().map(VoiceDirectory::neuralVoiceModelId))
                        .toList();
        };
    }

    /**
     * The settings and the version they are at. A map, unlike the API's other answers: its keys are the settings
     * {@link PlatformSettingsSchema} declares, so a setting added there appears here without a record to change.
     */
    static Map<String, Object> json(PlatformSettings.Current current) {
        Map<String, Object> data = new LinkedHashMap<>();
        PlatformSettingsSchema.SETTINGS.forEach(s -> data.put(s.name(), s.read(current.config())));
        data.put("version", current.version());
        data.put("updated_at", current.updatedAt() == null ? null : Envelope.iso(current.updatedAt()));
        data.put("updated_by", current.updatedBy());
        return data;
    }
}
