package io.voxify.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.limits.OpenRequests;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.RefusalWithHeaders;
import io.voxify.infrastructure.ratelimit.OpenRequestSlots;
import io.voxify.infrastructure.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * OpenAI's text-to-speech endpoint, so OpenAI SDK clients work by pointing their base URL at
 * {@code https://host/v1}: the same bearer tokens, a normal job underneath (listed, counted against
 * the daily quota, audited), and the audio itself as the answer. Refusals are Voxify's envelope, whose
 * {@code error.message} and {@code error.code} are where the SDKs read them.
 */
@Tag(name = "OpenAI-compatible speech")
@RestController
public class SpeechController {
    /** Read by the OpenAI SDKs: a refusal that a retry would only repeat (or duplicate) says so. */
    static final String SHOULD_RETRY = "x-should-retry";

    static final String JOB_ID_HEADER = "X-Voxify-Job-Id";

    private final SpeechService speech;
    private final BlobStore blobs;
    private final OpenRequests open;

    public SpeechController(SpeechService speech, BlobStore blobs, OpenRequests open) {
        this.speech = speech;
        this.blobs = blobs;
        this.open = open;
    }

    @Operation(
            summary = "Speak text, answered with the audio (OpenAI's POST /v1/audio/speech)",
            description = "Body as OpenAI's: model (tts-1, tts-1-hd, gpt-4o-mini-tts), input (1-4096 characters), "
                    + "voice (an OpenAI voice name or a Voxify voice_model_id), response_format (mp3 default, wav, "
                    + "flac, pcm), speed (0.5-3.0). Runs a normal synthesis job and answers when it ends (no "
                    + "request thread is held meanwhile).")
    @ApiResponse(
            responseCode = "200",
            description = "The audio",
            content = {
                @Content(mediaType = "audio/mpeg", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "audio/wav", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "audio/flac", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "audio/pcm", schema = @Schema(type = "string", format = "binary"))
            })
    @ApiErrors({
        ErrorCode.MISSING_FIELDS,
        ErrorCode.VOICE_MODEL_NOT_FOUND,
        ErrorCode.QUOTA_EXCEEDED,
        ErrorCode.TOO_MANY_OPEN_REQUESTS,
        ErrorCode.CONFLICT,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PostMapping("/v1/audio/speech")
    DeferredResult<ResponseEntity<Resource>> speech(
            @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) JsonNode body) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        OpenRequestSlots.Slot slot = open.open(user.userId(), OpenRequests.Kind.SYNC_SPEECH);
        DeferredResult<ResponseEntity<Resource>> answer =
                new DeferredResult<>(speech.longestWait().toMillis());
        answer.onCompletion(slot::close);
        CompletableFuture<SpeechService.Speech> spoken;
        try {
            spoken = speech.speak(user, body);
        } catch (RuntimeException refused) {
            slot.close();
            throw refused;
        }
        spoken.whenComplete((result, failure) -> {
            if (failure == null) {
                answer.setResult(audio(result));
            } else {
                answer.setErrorResult(refusal(failure));
            }
        });
        return answer;
    }

    /** A job that ran and ended badly (or was cancelled) is named, and a retry would only run another one. */
    private static Throwable refusal(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof DomainException refused && refused.details() instanceof SpeechFailureDetails job) {
            return new RefusalWithHeaders(
                    refused.code(),
                    refused.getMessage(),
                    job,
                    Map.of(SHOULD_RETRY, "false", JOB_ID_HEADER, job.jobId()));
        }
        return cause;
    }

    private ResponseEntity<Resource> audio(SpeechService.Speech result) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(SpeechRequest.contentType(result.format())));
        headers.setContentLength(result.length());
        headers.setContentDisposition(ContentDisposition.inline()
                .filename("speech." + result.format())
                .build());
        headers.set(JOB_ID_HEADER, result.job().jobId());
        headers.set("X-Voxify-File-Id", result.file().fileId());
        return ResponseEntity.ok()
                .headers(headers)
                .body(new StoredRange(blobs, result.file().blobKey(), result.offset(), result.length()));
    }

    /** A byte range of a stored blob with a known length, opened only when written. */
    private static final class StoredRange extends AbstractResource {
        private final BlobStore blobs;
        private final String key;
        private final long offset;
        private final long length;

        StoredRange(BlobStore blobs, String key, long offset, long length) {
            this.blobs = blobs;
            this.key = key;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public String getDescription() {
            return "speech " + key;
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            InputStream in = blobs.open(key, offset);
            return new java.io.FilterInputStream(in) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int from, int count) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(buffer, from, (int) Math.min(count, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
        }
    }
}
