package io.voxify.gateway.voice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.SamplePage;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.Pagination;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RequestBody;
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

    @Operation(summary = "Upload and process a voice sample", description = """
            Multipart: `file` (WAV, MP3 or FLAC), `name`, optional `description`, `language` (default en-US) and \
            `transcript`. An accepted upload is recorded with its processing run already started: the answer \
            (201) is the sample as it is when the answer is sent, normally `status: processing` with its \
            `processing_job_id`, and `processing.started: true`; follow it at `GET /api/v1/voice/samples/{id}` \
            until it is `processed` or `rejected`. The upload's own processing counts against the daily \
            `sample_processings_per_day` quota (a refused upload does not). When that quota is used up the \
            upload is still accepted and kept, `status: uploaded`, `processing_job_id: null`, with \
            `processing.started: false` and the quota's refusal in `processing.error` \
            (`QUOTA_EXCEEDED`, `details.resets_in_seconds`): process it later with `POST .../process`.""")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({
        ErrorCode.MISSING_FIELDS,
        ErrorCode.UNSUPPORTED_AUDIO,
        ErrorCode.INVALID_AUDIO,
        ErrorCode.AUDIO_TOO_LONG,
        ErrorCode.DUPLICATE_SAMPLE,
        ErrorCode.FILE_TOO_LARGE,
        ErrorCode.QUOTA_EXCEEDED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Envelope<SampleUploadResponse>> upload(
            @AuthenticationPrincipal Jwt jwt,
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
            throw new DomainException(
                    ErrorCode.MISSING_FIELDS,
                    "Missing required fields: " + String.join(", ", missing),
                    new MissingFieldsDetails(missing));
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
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR, "Invalid fields: " + String.join(", ", errors.keySet()), errors);
        }
        SampleService.Uploaded uploaded = samples.upload(
                AuthenticatedUser.from(jwt),
                new SampleService.Upload(
                        name.trim(),
                        description,
                        lang,
                        transcript,
                        safeFilename(file.getOriginalFilename()),
                        file.getSize(),
                        file::getInputStream));
        String message = uploaded.processingRefusal() == null
                ? "Voice sample uploaded; processing started"
                : "Voice sample uploaded; processing not started: "
                        + uploaded.processingRefusal().getMessage();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Envelope.success(SampleUploadResponse.of(uploaded), message, null));
    }

    @GetMapping
    ResponseEntity<Envelope<List<SampleResponse>>> list(
            @AuthenticationPrincipal Jwt jwt, @RequestParam Map<String, String> params) {
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
        return ResponseEntity.ok(Envelope.success(
                result.items().stream().map(SampleResponse::of).toList(), null, page.meta(result.totalCount())));
    }

    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND})
    @GetMapping("/{sampleId}")
    ResponseEntity<Envelope<SampleResponse>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String sampleId) {
        return Envelope.ok(SampleResponse.of(samples.find(AuthenticatedUser.from(jwt), sampleId)));
    }

    @Operation(summary = "Process a voice sample (again)", description = """
            Body: `{}` (or none), or `{"force": true}`. Uploads are processed as they arrive, so this answers \
            `200` with the sample's state and the run in force (`processing_job_id`, `processing.started: \
            false`) when the sample is being processed, or has its verdict (`processed` or `rejected`) and \
            `force` is not set: no new run, no quota used. It starts a run (`202`, `processing.started: true`) \
            on a sample left `uploaded` (its upload came past the processing quota, or its last run failed) and, \
            with `force`, on a processed or rejected one; a run counts against `sample_processings_per_day`. A \
            sample a clone is being built from cannot be processed again until the clone is done \
            (`SAMPLE_IN_USE`). Any other field is refused with 400.""")
    @ApiResponse(responseCode = "200", description = "The sample already has a run: its state, nothing started")
    @ApiResponse(responseCode = "202", description = "Accepted: a run started and works in the background")
    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND, ErrorCode.SAMPLE_IN_USE, ErrorCode.QUOTA_EXCEEDED})
    @PostMapping("/{sampleId}/process")
    ResponseEntity<Envelope<SampleProcessResponse>> process(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String sampleId,
            @Valid @RequestBody(required = false) ProcessSampleRequest body) {
        boolean force = body != null && body.forced();
        SampleService.Processing result = samples.process(AuthenticatedUser.from(jwt), sampleId, force);
        SampleView sample = result.sample();
        SampleProcessResponse data = SampleProcessResponse.of(sampleId, result);
        if (result.started()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(Envelope.success(data, "Sample processing started", null));
        }
        String message = sample.status() == SampleStatus.PROCESSING
                ? "The sample is already being processed"
                : "The sample is already " + sample.status().wireName()
                        + "; send {\"force\": true} to process it again";
        return ResponseEntity.ok(Envelope.success(data, message, null));
    }

    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND, ErrorCode.SAMPLE_NOT_PROCESSED})
    @GetMapping("/{sampleId}/similar")
    ResponseEntity<Envelope<List<SimilarVoiceResponse>>> similar(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String sampleId,
            @RequestParam(name = "limit", defaultValue = "10") String limitParam) {
        int limit;
        try {
            limit = Integer.parseInt(limitParam.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 50) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "Invalid query parameters",
                    Map.of("limit", "must be an integer between 1 and 50"));
        }
        return Envelope.ok(similar.nearTo(AuthenticatedUser.from(jwt), sampleId, limit));
    }

    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND, ErrorCode.SAMPLE_IN_USE})
    @DeleteMapping("/{sampleId}")
    ResponseEntity<Envelope<Void>> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String sampleId) {
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
