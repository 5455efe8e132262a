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
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Audio downloads. A file is found by its id (or its job's id) in the read model; the blob key
 * comes from there, never from the request. When the store hands out presigned URLs and
 * `voxify.storage.s3.redirect-downloads` is on, a plain full download is answered with a redirect
 * to one, so the bytes flow from the store; ranges, HEAD, inline playback and `/info` stay here.
 */
@Tag(name = "Files")
@RestController
@RequestMapping("/api/v1/files")
public class FileController {
    private static final Logger log = LoggerFactory.getLogger(FileController.class);

    private final QueryGateway queries;
    private final BlobStore blobs;
    private final boolean redirectDownloads;
    private final Duration presignTtl;
    private final AudioLinks links;

    public FileController(QueryGateway queries, BlobStore blobs, AudioLinks links,
                          @Value("${voxify.storage.s3.redirect-downloads:false}") boolean redirectDownloads,
                          @Value("${voxify.storage.s3.presign-ttl:PT5M}") Duration presignTtl) {
        this.queries = queries;
        this.blobs = blobs;
        this.redirectDownloads = redirectDownloads;
        this.presignTtl = presignTtl;
        this.links = links;
    }

    @ApiErrors({ErrorCode.FILE_NOT_FOUND})
    @GetMapping("/audio/{fileId}")
    ResponseEntity<Resource> audio(@AuthenticationPrincipal Jwt jwt, @PathVariable String fileId,
                                   @RequestParam(name = "download", defaultValue = "true") boolean download,
                                   @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                   @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
                                   HttpMethod method) {
        return serve(owned(AuthenticatedUser.from(jwt), fileId), download, ifNoneMatch, range, method);
    }

    /**
     * A link to this audio file that a browser's audio element can use as its source: it plays and
     * seeks with Range requests of its own, without the bearer token an element cannot send. The link
     * serves this one file to this user until it expires ({@code voxify.files.link-ttl}, an hour).
     */
    @ApiErrors({ErrorCode.FILE_NOT_FOUND})
    @PostMapping("/audio/{fileId}/link")
    ResponseEntity<Map<String, Object>> link(@AuthenticationPrincipal Jwt jwt, @PathVariable String fileId) {
        FileView file = owned(AuthenticatedUser.from(jwt), fileId);
        AudioLinks.Link link = links.issue(file.fileId(), file.ownerId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", "/api/v1/files/audio/" + file.fileId() + "/signed?user=" + link.userId()
                + "&expires=" + link.expires() + "&signature=" + link.signature());
        data.put("expires_at", Envelope.iso(link.expiresAt()));
        return Envelope.ok(data);
    }

    /** The audio behind a link from {@link #link}; a link that is not valid answers as a missing file. */
    @ApiErrors({ErrorCode.FILE_NOT_FOUND})
    @GetMapping("/audio/{fileId}/signed")
    ResponseEntity<Resource> signed(@PathVariable String fileId, @RequestParam(required = false) String user,
                                    @RequestParam(required = false) String expires,
                                    @RequestParam(required = false) String signature,
                                    @RequestParam(name = "download", defaultValue = "false") boolean download,
                                    @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                    @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
                                    HttpMethod method) {
        long expiry = expires != null && expires.matches("[0-9]{1,12}") ? Long.parseLong(expires) : -1;
        DomainException notFound = new DomainException(ErrorCode.FILE_NOT_FOUND, "File " + fileId + " was not found");
        if (!links.valid(fileId, user, expiry, signature)) {
            throw notFound;
        }
        FileView file = queries.query(new FindFileQuery(fileId), ResponseTypes.optionalInstanceOf(FileView.class))
                .join().filter(f -> f.ownerId().equals(user)).orElseThrow(() -> notFound);
        return serve(file, download, ifNoneMatch, range, method);
    }

    private ResponseEntity<Resource> serve(FileView file, boolean download, String ifNoneMatch, String range,
                                           HttpMethod method) {
        if (!fromStore(() -> blobs.exists(file.blobKey()))) {
            throw gone();
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
        if (redirectDownloads && download && range == null && HttpMethod.GET.equals(method)) {
            Optional<URI> direct = fromStore(() -> blobs.downloadUrl(file.blobKey(), presignTtl, filename,
                    file.contentType()));
            if (direct.isPresent()) {
                // The URL expires: neither the browser nor a proxy may keep the redirect.
                return ResponseEntity.status(HttpStatus.FOUND).location(direct.get())
                        .cacheControl(CacheControl.noStore()).build();
            }
        }
        long size = fromStore(() -> blobs.size(file.blobKey()));
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

    @FunctionalInterface
    private interface StoreCall<T> {
        T run() throws IOException;
    }

    /** A blob gone from the store is a missing file; a store that fails is unavailable, not broken. */
    private static <T> T fromStore(StoreCall<T> call) {
        try {
            return call.run();
        } catch (NoSuchFileException e) {
            throw gone();
        } catch (IOException | UncheckedIOException e) {
            log.warn("The blob store failed", e);
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The audio store is unavailable; try again");
        }
    }

    private static DomainException gone() {
        return new DomainException(ErrorCode.FILE_NOT_FOUND, "The audio file is no longer available");
    }

    private FileView owned(AuthenticatedUser user, String fileId) {
        return queries.query(new FindFileQuery(fileId), ResponseTypes.optionalInstanceOf(FileView.class)).join()
                .filter(f -> user.mayAccess(f.ownerId()))
                .orElseThrow(() -> new DomainException(ErrorCode.FILE_NOT_FOUND, "File " + fileId + " was not found"));
    }
}
