package io.voxify.gateway.file;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.FileView;
import io.voxify.events.job.FindFileQuery;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.saga.storage.BlobStore;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Audio downloads. A file is found by its id (or its job's id) in the read model; the blob key
 * comes from there, never from the request.
 */
@Tag(name = "Files")
@RestController
@RequestMapping("/api/v1/files")
public class FileController {
    private final QueryGateway queries;
    private final BlobStore blobs;

    public FileController(QueryGateway queries, BlobStore blobs) {
        this.queries = queries;
        this.blobs = blobs;
    }

    @ApiErrors({ErrorCode.FILE_NOT_FOUND})
    @GetMapping("/audio/{fileId}")
    ResponseEntity<Resource> audio(@AuthenticationPrincipal Jwt jwt, @PathVariable String fileId,
                                   @RequestParam(name = "download", defaultValue = "true") boolean download,
                                   @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws IOException {
        FileView file = owned(AuthenticatedUser.from(jwt), fileId);
        if (!blobs.exists(file.blobKey())) {
            throw new DomainException(ErrorCode.FILE_NOT_FOUND, "The audio file is no longer available");
        }
        String etag = "\"" + file.sha256() + "\"";
        String filename = (file.jobId() != null ? file.jobId() : file.fileId()) + "." + file.format();
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate());
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        headers.setContentDisposition((download ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(filename).build());
        if (ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.trim().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
        }
        long size = blobs.size(file.blobKey());
        return ResponseEntity.ok().headers(headers).contentType(MediaType.parseMediaType(file.contentType()))
                .body(new BlobResource(blobs, file.blobKey(), size, filename));
    }

    @ApiErrors({ErrorCode.FILE_NOT_FOUND})
    @GetMapping("/{fileId}/info")
    ResponseEntity<Map<String, Object>> info(@AuthenticationPrincipal Jwt jwt, @PathVariable String fileId) {
        FileView file = owned(AuthenticatedUser.from(jwt), fileId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file_id", file.fileId());
        data.put("job_id", file.jobId());
        data.put("size", file.sizeBytes());
        data.put("duration", file.durationSeconds());
        data.put("format", file.format());
        data.put("content_type", file.contentType());
        data.put("sample_rate", file.sampleRate());
        data.put("channels", file.channels());
        data.put("sha256", file.sha256());
        data.put("url", "/api/v1/files/audio/" + file.fileId());
        data.put("created_at", Envelope.iso(file.createdAt()));
        return Envelope.ok(data);
    }

    private FileView owned(AuthenticatedUser user, String fileId) {
        return queries.query(new FindFileQuery(fileId), ResponseTypes.optionalInstanceOf(FileView.class)).join()
                .filter(f -> user.mayAccess(f.ownerId()))
                .orElseThrow(() -> new DomainException(ErrorCode.FILE_NOT_FOUND, "File " + fileId + " was not found"));
    }
}
