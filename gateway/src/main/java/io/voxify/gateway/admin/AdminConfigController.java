package io.voxify.gateway.admin;

import io.voxify.gateway.apidocs.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.RequestFields;
import io.voxify.saga.voice.VoiceDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform configuration. PUT takes any subset of the settings (the others keep their
 * values), validates each one, and records the change as an event; it applies without a
 * restart. Unknown fields are refused rather than silently ignored. A PUT may carry the
 * {@code version} it read: if the configuration changed since, it answers 409 instead of undoing
 * that change.
 */
@RestController
@Tag(name = "Administration")
@RequestMapping("/api/v1/admin/config")
public class AdminConfigController {
    static final List<String> FIELDS = List.of("requests_per_minute", "syntheses_per_day", "uploads_per_day",
            "max_upload_bytes", "max_text_length", "default_voice_id", "registration_open",
            "login_attempts_per_account", "login_attempts_per_address", "login_window_seconds",
            "allow_private_callbacks", "sample_processings_per_day", "clones_per_day", "trainings_per_day",
            "max_work_in_flight_per_user", "max_audio_streams_per_user", "max_event_streams_per_user",
            "max_sync_speech_per_user", "version");

    private final PlatformSettings settings;
    private final VoiceDirectory voices;

    public AdminConfigController(PlatformSettings settings, VoiceDirectory voices) {
        this.settings = settings;
        this.voices = voices;
    }

    @GetMapping
    ResponseEntity<Map<String, Object>> get() {
        return Envelope.ok(json(settings.current()));
    }

    @ApiErrors({ErrorCode.VALIDATION_ERROR, ErrorCode.INVALID_JSON, ErrorCode.CONFLICT})
    @PutMapping
    ResponseEntity<Map<String, Object>> put(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) JsonNode body) {
        AuthenticatedUser admin = AuthenticatedUser.from(jwt);
        RequestFields f = RequestFields.of(body);
        f.rejectUnknown(FIELDS);
        PlatformSettings.Current base = settings.fresh();
        PlatformConfig c = base.config();
        // The version the caller read (optional): a change built on an older one answers 409.
        Long version = f.integer("version", 0, Long.MAX_VALUE);
        Long requests = f.integer("requests_per_minute", 1, 1_000_000);
        Long syntheses = f.integer("syntheses_per_day", 0, 10_000_000);
        Long uploads = f.integer("uploads_per_day", 0, 1_000_000);
        Long uploadBytes = f.integer("max_upload_bytes", 1024, settings.uploadCeilingBytes());
        Long textLength = f.integer("max_text_length", 1, 100_000);
        String voice = f.text("default_voice_id", 128);
        if (voice != null && (voice.startsWith("vc_") || voices.resolve(voice, null).isEmpty())) {
            f.error("default_voice_id", "must be a preset or neural voice of the library");
            voice = null;
        }
        Boolean registration = f.bool("registration_open");
        Long perAccount = f.integer("login_attempts_per_account", 1, 10_000);
        Long perAddress = f.integer("login_attempts_per_address", 1, 1_000_000);
        Long window = f.integer("login_window_seconds", 10, 86_400);
        Boolean privateCallbacks = f.bool("allow_private_callbacks");
        Long processings = f.integer("sample_processings_per_day", 0, 1_000_000);
        Long clones = f.integer("clones_per_day", 0, 1_000_000);
        Long trainings = f.integer("trainings_per_day", 0, 1_000_000);
        // A cap of 0 would lock every user out of the feature; a quota of 0 is how to close one for a day.
        Long workInFlight = f.integer("max_work_in_flight_per_user", 1, 1_000);
        Long audioStreams = f.integer("max_audio_streams_per_user", 1, 1_000);
        Long eventStreams = f.integer("max_event_streams_per_user", 1, 1_000);
        Long syncSpeech = f.integer("max_sync_speech_per_user", 1, 1_000);
        f.validate(ErrorCode.VALIDATION_ERROR);
        PlatformConfig changed = new PlatformConfig(
                requests != null ? requests.intValue() : c.requestsPerMinute(),
                syntheses != null ? syntheses.intValue() : c.synthesesPerDay(),
                uploads != null ? uploads.intValue() : c.uploadsPerDay(),
                uploadBytes != null ? uploadBytes : c.maxUploadBytes(),
                textLength != null ? textLength.intValue() : c.maxTextLength(),
                voice != null ? voice : c.defaultVoiceId(),
                registration != null ? registration : c.registrationOpen(),
                perAccount != null ? perAccount.intValue() : c.loginAttemptsPerAccount(),
                perAddress != null ? perAddress.intValue() : c.loginAttemptsPerAddress(),
                window != null ? window.intValue() : c.loginWindowSeconds(),
                privateCallbacks != null ? privateCallbacks : c.allowPrivateCallbacks(),
                processings != null ? processings.intValue() : c.sampleProcessingsPerDay(),
                clones != null ? clones.intValue() : c.clonesPerDay(),
                trainings != null ? trainings.intValue() : c.trainingsPerDay(),
                workInFlight != null ? workInFlight.intValue() : c.maxWorkInFlightPerUser(),
                audioStreams != null ? audioStreams.intValue() : c.maxAudioStreamsPerUser(),
                eventStreams != null ? eventStreams.intValue() : c.maxEventStreamsPerUser(),
                syncSpeech != null ? syncSpeech.intValue() : c.maxSyncSpeechPerUser());
        return Envelope.ok(json(settings.change(changed, admin.userId(), version != null ? version : base.version())),
                "Configuration updated");
    }

    static Map<String, Object> json(PlatformSettings.Current current) {
        PlatformConfig c = current.config();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requests_per_minute", c.requestsPerMinute());
        data.put("syntheses_per_day", c.synthesesPerDay());
        data.put("uploads_per_day", c.uploadsPerDay());
        data.put("max_upload_bytes", c.maxUploadBytes());
        data.put("max_text_length", c.maxTextLength());
        data.put("default_voice_id", c.defaultVoiceId());
        data.put("registration_open", c.registrationOpen());
        data.put("login_attempts_per_account", c.loginAttemptsPerAccount());
        data.put("login_attempts_per_address", c.loginAttemptsPerAddress());
        data.put("login_window_seconds", c.loginWindowSeconds());
        data.put("allow_private_callbacks", c.allowPrivateCallbacks());
        data.put("sample_processings_per_day", c.sampleProcessingsPerDay());
        data.put("clones_per_day", c.clonesPerDay());
        data.put("trainings_per_day", c.trainingsPerDay());
        data.put("max_work_in_flight_per_user", c.maxWorkInFlightPerUser());
        data.put("max_audio_streams_per_user", c.maxAudioStreamsPerUser());
        data.put("max_event_streams_per_user", c.maxEventStreamsPerUser());
        data.put("max_sync_speech_per_user", c.maxSyncSpeechPerUser());
        data.put("version", current.version());
        data.put("updated_at", current.updatedAt() == null ? null : Envelope.iso(current.updatedAt()));
        data.put("updated_by", current.updatedBy());
        return data;
    }
}
