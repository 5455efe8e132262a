package io.voxify.gateway.file;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.infrastructure.storage.BlobStore;
import io.voxify.infrastructure.storage.StorageProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Answers a request for stored audio: ETag (the content's SHA-256) and If-None-Match, Range requests
 * (206, from a resource that opens the blob at the range's start), inline or attachment, and, when the
 * store hands out presigned URLs and {@code voxify.storage.s3.redirect-downloads} is on, a redirect for a
 * plain full download. The blob key always comes from a read model, never from the request.
 */
@Component
public class AudioResponses {
    private static final Logger log = LoggerFactory.getLogger(AudioResponses.class);

    private final BlobStore blobs;
    private final boolean redirectDownloads;
    private final Duration presignTtl;

    public AudioResponses(BlobStore blobs, StorageProperties storage) {
        this.blobs = blobs;
        this.redirectDownloads = storage.s3().redirectDownloads();
        this.presignTtl = storage.s3().presignTtl();
    }

    /** Stored audio as a read model describes it; {@code filename} is what a download is saved as. */
    public record StoredAudio(String blobKey, String sha256, String contentType, String filename) {}

    public ResponseEntity<Resource> serve(
            StoredAudio audio, boolean download, String ifNoneMatch, String range, HttpMethod method) {
        if (!fromStore(() -> blobs.exists(audio.blobKey()))) {
            throw gone();
        }
        String etag = "\"" + audio.sha256() + "\"";
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate());
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        headers.setContentDisposition((download ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(audio.filename())
                .build());
        if (ifNoneMatch != null
                && (ifNoneMatch.equals(etag) || ifNoneMatch.trim().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .headers(headers)
                    .build();
        }
        if (redirectDownloads && download && range == null && HttpMethod.GET.equals(method)) {
            Optional<URI> direct = fromStore(
                    () -> blobs.downloadUrl(audio.blobKey(), presignTtl, audio.filename(), audio.contentType()));
            if (direct.isPresent()) {
                // The URL expires: neither the browser nor a proxy may keep the redirect.
                return ResponseEntity.status(HttpStatus.FOUND)
                        .location(direct.get())
                        .cacheControl(CacheControl.noStore())
                        .build();
            }
        }
        long size = fromStore(() -> blobs.size(audio.blobKey()));
        BlobResource body = new BlobResource(blobs, audio.blobKey(), size, audio.filename());
        requireSatisfiable(range, body, size);
        return ResponseEntity.ok()
                .headers(headers)
                .contentType(MediaType.parseMediaType(audio.contentType()))
                .body(body);
    }

    /**
     * MVC answers a Range it cannot serve with a bare 416; checked here first, the client gets the
     * reason in the envelope (MVC then serves the ranges that passed).
     */
    private static void requireSatisfiable(String range, Resource body, long size) {
        if (range == null) {
            return;
        }
        try {
            List<HttpRange> ranges = HttpRange.parseRanges(range);
            HttpRange.toResourceRegions(ranges, body);
        } catch (IllegalArgumentException e) {
            throw new DomainException(
                    ErrorCode.RANGE_NOT_SATISFIABLE,
                    "The range cannot be served from " + size + " bytes: " + e.getMessage(),
                    Map.of("range", range.length() > 200 ? range.substring(0, 200) : range, "size", size));
        }
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
}
