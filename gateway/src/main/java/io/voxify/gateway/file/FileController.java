package io.voxify.gateway.file;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.FileView;
import io.voxify.events.job.FindFileQuery;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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
 * Audio downloads. A file is found by its id (or its job's id) in the read model; the blob key
 * comes from there, never from the request. {@link AudioResponses} answers with ranges and ETags,
 * or with a redirect to the store for a plain full download when that is configured.
 */
@Tag(name = "Files")
@RestController
@RequestMapping("/api/v1/files")
public class FileController {
    private final QueryGateway queries;
    private final AudioResponses responses;
    private final AudioLinks links;

    public FileController(QueryGateway queries, AudioResponses responses, AudioLinks links) {
        this.queries = queries;
        this.responses = responses;
        this.links = links;
    }

    @ApiErrors({ErrorCode.FILE_NOT_FOUND, ErrorCode.RANGE_NOT_SATISFIABLE})
    @GetMapping("/audio/{fileId}")
    ResponseEntity<Resource> audio(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String fileId,
            @RequestParam(name = "download", defaultValue = "true") boolean download,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
            HttpMethod method) {
        return serve(owned(AuthenticatedUser.from(jwt), fileId), download, ifNoneMatch, range, method);
    }

    /**
     * A link to this audio file that a browser's audio element can use as its source: it plays and
     * seeks with Range requests of its own, without the bearer token an element cannot send. The link
     * serves this one file until it expires ({@code voxify.files.link-ttl}, an hour) or the caller's
     * session ends (sign-out, password, role or account state change).
     */
    @ApiErrors({ErrorCode.FILE_NOT_FOUND})
    @PostMapping("/audio/{fileId}/link")
    ResponseEntity<Envelope<AudioLinkResponse>> link(@AuthenticationPrincipal Jwt jwt, @PathVariable String fileId) {
        FileView file = owned(AuthenticatedUser.from(jwt), fileId);
        return Envelope.ok(links.file(file.fileId(), jwt));
    }

    /** The audio behind a link from {@link #link}; a link that is not valid answers as a missing file. */
    @ApiErrors({ErrorCode.FILE_NOT_FOUND, ErrorCode.RANGE_NOT_SATISFIABLE})
    @GetMapping("/audio/{fileId}/signed")
    ResponseEntity<Resource> signed(
            @PathVariable String fileId,
            @ParameterObject AudioLinks.Presented link,
            @RequestParam(name = "download", defaultValue = "false") boolean download,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
            HttpMethod method) {
        DomainException notFound = new DomainException(ErrorCode.FILE_NOT_FOUND, "File " + fileId + " was not found");
        // The link was issued only to someone allowed to read the file (its owner or an administrator),
        // and a role change would have ended it: what it names is served while it exists.
        links.user(fileId, link).orElseThrow(() -> notFound);
        FileView file = queries.query(new FindFileQuery(fileId), ResponseTypes.optionalInstanceOf(FileView.class))
                .join()
                .orElseThrow(() -> notFound);
        return serve(file, download, ifNoneMatch, range, method);
    }

    private ResponseEntity<Resource> serve(
            FileView file, boolean download, String ifNoneMatch, String range, HttpMethod method) {
        String filename = (file.jobId() != null ? file.jobId() : file.fileId()) + "." + file.format();
        return responses.serve(
                new AudioResponses.StoredAudio(file.blobKey(), file.sha256(), file.contentType(), filename),
                download,
                ifNoneMatch,
                range,
                method);
    }

    @ApiErrors({ErrorCode.FILE_NOT_FOUND})
    @GetMapping("/{fileId}/info")
    ResponseEntity<Envelope<FileInfoResponse>> info(@AuthenticationPrincipal Jwt jwt, @PathVariable String fileId) {
        FileView file = owned(AuthenticatedUser.from(jwt), fileId);
        return Envelope.ok(FileInfoResponse.of(file));
    }

    private FileView owned(AuthenticatedUser user, String fileId) {
        return queries.query(new FindFileQuery(fileId), ResponseTypes.optionalInstanceOf(FileView.class))
                .join()
                .filter(f -> user.mayAccess(f.ownerId()))
                .orElseThrow(() -> new DomainException(ErrorCode.FILE_NOT_FOUND, "File " + fileId + " was not found"));
    }
}
