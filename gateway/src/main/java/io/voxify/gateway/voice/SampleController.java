package io.voxify.gateway.voice;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.SamplePage;
import io.voxify.events.sample.SampleStatus;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.Pagination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "Voice samples")
@RestController
@RequestMapping("/api/v1/voice/samples")
public class SampleController {
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$");

    private final SampleService samples;
    private final SimilarVoices similar;

    public SampleController(SampleService samples, SimilarVoices similar) {
        this.samples = samples;
        this.similar = similar;
    }

    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({ErrorCode.MISSING_FIELDS, ErrorCode.UNSUPPORTED_AUDIO, ErrorCode.INVALID_AUDIO,
            ErrorCode.AUDIO_TOO_LONG, ErrorCode.DUPLICATE_SAMPLE, ErrorCode.FILE_TOO_LARGE, ErrorCode.QUOTA_EXCEEDED,
            ErrorCode.SERVICE_UNAVAILABLE})
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(@AuthenticationPrincipal Jwt jwt,
                                               @RequestParam(name = "file", required = false) MultipartFile file,
                                               @RequestParam(name = "name", required = false) String name,
                                               @RequestParam(name = "description", required = false) String description,
                                               @RequestParam(name = "language", required = false) String language,
                                               @RequestParam(name = "transcript", required = false) String transcript) {
        List<String> missing = new ArrayList<>();
        Map<String, Object> errors = new LinkedHashMap<>();
        if (file == null) {
            missing.add("file");
        }
        if (name == null || name.isBlank()) {
            missing.add("name");
        }
        if (!missing.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("missing_fields", missing);
            throw new DomainException(ErrorCode.MISSING_FIELDS, "Missing required fields: " + String.join(", ", missing),
                    details);
        }
        if (name.length() > 200) {
            errors.put("name", "must be at most 200 characters");
        }
        if (description != null && description.length() > 2000) {
            errors.put("description", "must be at most 2000 characters");
        }
        if (transcript != null && transcript.length() > 10_000) {
            errors.put("transcript", "must be at most 10000 characters");
        }
        String lang = language == null || language.isBlank() ? "en-US" : language.trim();
        if (!LANGUAGE.matcher(lang).matches()) {
            errors.put("language", "must be a language tag such as en-US");
        }
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid fields: " + String.join(", ", errors.keySet()),
                    errors);
        }
        var sample = samples.upload(AuthenticatedUser.from(jwt), new SampleService.Upload(name.trim(),
                description, lang, transcript, safeFilename(file.getOriginalFilename()), file.getSize(),
                file::getInputStream));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Envelope.success(VoiceJson.sample(sample), "Voice sample uploaded", null));
    }

    @GetMapping
    ResponseEntity<Map<String, Object>> list(@AuthenticationPrincipal Jwt jwt,
                                             @RequestParam Map<String, String> params) {
        Map<String, String> errors = new LinkedHashMap<>();
        Pagination page = Pagination.from(params, errors);
        List<SampleStatus> statuses = new ArrayList<>();
        String status = params.get("status");
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                try {
                    statuses.add(SampleStatus.fromWire(s));
                } catch (IllegalArgumentException e) {
                    errors.put("status", "must be a comma list of " + VoiceJson.statusNames(SampleStatus.values()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid query parameters", errors);
        }
        SamplePage result = samples.list(AuthenticatedUser.from(jwt), statuses, page.limit(), page.offset());
        return ResponseEntity.ok(Envelope.success(result.items().stream().map(VoiceJson::sample).toList(), null,
                Map.of("pagination", page.meta(result.totalCount()))));
    }

    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND})
    @GetMapping("/{sampleId}")
    ResponseEntity<Map<String, Object>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String sampleId) {
        return Envelope.ok(VoiceJson.sample(samples.find(AuthenticatedUser.from(jwt), sampleId)));
    }

    @ApiResponse(responseCode = "202", description = "Accepted: the work runs in the background")
    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND, ErrorCode.SAMPLE_BUSY, ErrorCode.SAMPLE_IN_USE,
            ErrorCode.INVALID_STATUS_TRANSITION, ErrorCode.QUOTA_EXCEEDED})
    @PostMapping("/{sampleId}/process")
    ResponseEntity<Map<String, Object>> process(@AuthenticationPrincipal Jwt jwt, @PathVariable String sampleId) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        String processingJobId = samples.process(user, sampleId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sample_id", sampleId);
        data.put("processing_job_id", processingJobId);
        data.put("job_id", processingJobId);
        data.put("status", SampleStatus.PROCESSING.wireName());
        data.put("status_url", "/api/v1/voice/samples/" + sampleId);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Envelope.success(data, "Sample processing started", null));
    }

    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND, ErrorCode.SAMPLE_NOT_PROCESSED})
    @GetMapping("/{sampleId}/similar")
    ResponseEntity<Map<String, Object>> similar(@AuthenticationPrincipal Jwt jwt, @PathVariable String sampleId,
                                                @RequestParam(name = "limit", defaultValue = "10") String limitParam) {
        int limit;
        try {
            limit = Integer.parseInt(limitParam.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 50) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR, "Invalid query parameters",
                    Map.of("limit", "must be an integer between 1 and 50"));
        }
        return Envelope.ok(similar.nearTo(AuthenticatedUser.from(jwt), sampleId, limit));
    }

    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND, ErrorCode.SAMPLE_BUSY, ErrorCode.SAMPLE_IN_USE,
            ErrorCode.INVALID_STATUS_TRANSITION})
    @DeleteMapping("/{sampleId}")
    ResponseEntity<Map<String, Object>> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String sampleId) {
        samples.delete(AuthenticatedUser.from(jwt), sampleId);
        return Envelope.ok(null, "Voice sample deleted");
    }

    /** Kept for display only; never used to name anything on disk. */
    private static String safeFilename(String original) {
        if (original == null) {
            return null;
        }
        String base = original.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._ -]", "_");
        return base.length() > 200 ? base.substring(0, 200) : base;
    }
}
