package io.voxify.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.JobView;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.job.JobRequest;
import io.voxify.gateway.job.JobService;
import io.voxify.gateway.limits.OpenRequests;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.infrastructure.ratelimit.OpenRequestSlots;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Audio while the job is still synthesising, sentence by sentence: chunked WAV (a streaming header, see
 * {@link StreamFormat#streamingWavHeader}), raw PCM or MP3. Owner-only like every job resource. The
 * request thread returns at once; {@link AudioStreamer} writes from a pool of its own.
 */
@Tag(name = "Synthesis jobs")
@RestController
@RequestMapping("/api/v1")
public class AudioStreamController {
    /** Names the job a one-call stream created. */
    public static final String JOB_ID_HEADER = "X-Voxify-Job-Id";

    private final JobService jobs;
    private final AudioStreamer streamer;
    private final OpenRequests open;
    private final PlatformSettings platform;

    public AudioStreamController(
            JobService jobs, AudioStreamer streamer, OpenRequests open, PlatformSettings platform) {
        this.jobs = jobs;
        this.streamer = streamer;
        this.open = open;
        this.platform = platform;
    }

    @ApiErrors({
        ErrorCode.JOB_NOT_FOUND,
        ErrorCode.VALIDATION_ERROR,
        ErrorCode.CONFLICT,
        ErrorCode.TOO_MANY_OPEN_REQUESTS
    })
    @GetMapping("/job/{jobId}/audio/stream")
    ResponseEntity<ResponseBodyEmitter> stream(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String jobId,
            @RequestParam(name = "format", required = false) String format) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        JobView job = jobs.find(user, jobId);
        StreamFormat chosen = StreamFormat.choose(format, job.settings().outputFormat());
        if (!AudioStreamer.streamable(job.status())) {
            throw AudioStreamer.notStreamable(job);
        }
        OpenRequestSlots.Slot slot = open.open(user.userId(), OpenRequests.Kind.AUDIO_STREAM);
        try {
            return open(job, chosen, slot);
        } catch (RuntimeException refused) {
            slot.close();
            throw refused;
        }
    }

    @ApiErrors({
        ErrorCode.VALIDATION_ERROR,
        ErrorCode.VOICE_MODEL_NOT_FOUND,
        ErrorCode.QUOTA_EXCEEDED,
        ErrorCode.TOO_MANY_OPEN_REQUESTS
    })
    @PostMapping("/tts/stream")
    ResponseEntity<ResponseBodyEmitter> createAndStream(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(name = "format", required = false) String format,
            @RequestBody(required = false) JsonNode body,
            HttpServletResponse response) {
        if (format != null) {
            StreamFormat.choose(format, null); // checked before the job exists, so a bad one creates nothing
        }
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        // Taken before the job exists: a stream refused for its cap creates nothing.
        OpenRequestSlots.Slot slot = open.open(user.userId(), OpenRequests.Kind.AUDIO_STREAM);
        try {
            // Read inside the slot, as before: a capped stream is refused as such whatever its body.
            JobView job = jobs.create(user, JobRequest.parse(body, platform.config()));
            // On the servlet response itself, so that even an error envelope names the job it is about.
            response.setHeader(JOB_ID_HEADER, job.jobId());
            return open(job, StreamFormat.choose(format, job.settings().outputFormat()), slot);
        } catch (RuntimeException refused) {
            slot.close();
            throw refused;
        }
    }

    private ResponseEntity<ResponseBodyEmitter> open(JobView job, StreamFormat format, OpenRequestSlots.Slot slot) {
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(streamer.timeout().toMillis());
        streamer.start(job, format, emitter, slot);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(
                        format.contentType(job.settings().sampleRate())))
                .cacheControl(CacheControl.noStore())
                .header(JOB_ID_HEADER, job.jobId())
                .header("X-Accel-Buffering", "no") // a proxy in front must pass each sentence on at once
                .body(emitter);
    }
}
