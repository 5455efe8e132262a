package io.voxify.gateway.voice;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.SampleView;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.file.AudioLinkResponse;
import io.voxify.gateway.file.AudioLinks;
import io.voxify.gateway.file.AudioResponses;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A voice sample's recording as it was uploaded (the bytes analysed and learnt from), for its owner:
 * with Range requests and an ETag like any stored audio, and as a short-lived signed link an audio
 * element can play and seek by itself. The blob comes from the sample's read model; someone else's
 * sample, a deleted one or a link that is not valid answer as a missing sample.
 */
@Tag(name = "Voice samples")
@RestController
@RequestMapping("/api/v1/voice/samples/{sampleId}/audio")
public class SampleAudioController {
    private final SampleService samples;
    private final AudioResponses responses;
    private final AudioLinks links;

    public SampleAudioController(SampleService samples, AudioResponses responses, AudioLinks links) {
        this.samples = samples;
        this.responses = responses;
        this.links = links;
    }

    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND, ErrorCode.FILE_NOT_FOUND, ErrorCode.RANGE_NOT_SATISFIABLE})
    @GetMapping
    ResponseEntity<Resource> audio(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String sampleId,
            @RequestParam(name = "download", defaultValue = "false") boolean download,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
            HttpMethod method) {
        return serve(samples.find(AuthenticatedUser.from(jwt), sampleId), download, ifNoneMatch, range, method);
    }

    /**
     * A link to the recording for an audio element's {@code src}, until it expires
     * ({@code voxify.files.link-ttl}) or the caller's session ends.
     */
    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND})
    @PostMapping("/link")
    ResponseEntity<Envelope<AudioLinkResponse>> link(@AuthenticationPrincipal Jwt jwt, @PathVariable String sampleId) {
        SampleView sample = samples.find(AuthenticatedUser.from(jwt), sampleId);
        return Envelope.ok(link(links, sample.sampleId(), jwt));
    }

    /** A new link to a sample's recording for the caller's session, who must be allowed to hear it. */
    public static AudioLinkResponse link(AudioLinks links, String sampleId, Jwt caller) {
        return links.json("/api/v1/voice/samples/" + sampleId + "/audio/signed", signed(sampleId), caller);
    }

    /** The recording behind a link from {@link #link}; a link that is not valid answers as a missing sample. */
    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND, ErrorCode.FILE_NOT_FOUND, ErrorCode.RANGE_NOT_SATISFIABLE})
    @GetMapping("/signed")
    ResponseEntity<Resource> signed(
            @PathVariable String sampleId,
            @ParameterObject AudioLinks.Presented link,
            @RequestParam(name = "download", defaultValue = "false") boolean download,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
            HttpMethod method) {
        // Issued only to someone allowed to hear the sample, and ended by any change to their access.
        links.user(signed(sampleId), link).orElseThrow(() -> SampleService.notFound(sampleId));
        return serve(samples.findLinked(sampleId), download, ifNoneMatch, range, method);
    }

    /** What a sample's link signs: kind-prefixed, so it can never stand for a job's file of the same id. */
    private static String signed(String sampleId) {
        return "sample:" + sampleId;
    }

    private ResponseEntity<Resource> serve(
            SampleView sample, boolean download, String ifNoneMatch, String range, HttpMethod method) {
        var audio = sample.audio();
        if (audio == null) {
            throw SampleService.notFound(sample.sampleId());
        }
        return responses.serve(
                new AudioResponses.StoredAudio(
                        audio.blobKey(),
                        audio.sha256(),
                        SampleService.contentType(audio.format()),
                        sample.sampleId() + "." + audio.format()),
                download,
                ifNoneMatch,
                range,
                method);
    }
}
