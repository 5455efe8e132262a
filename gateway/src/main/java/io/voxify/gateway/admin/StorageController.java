package io.voxify.gateway.admin;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.file.OrphanBlobSweeper;
import io.voxify.gateway.web.Envelope;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stored audio for administrators: a sweep of blobs nothing refers to, now rather than at its next turn. */
@RestController
@Tag(name = "Administration")
@RequestMapping("/api/v1/admin/storage")
@ConditionalOnExpression("'${voxify.role:all}' != 'worker'")
public class StorageController {
    private final OrphanBlobSweeper sweeper;

    public StorageController(OrphanBlobSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @ApiErrors({ErrorCode.CONFLICT})
    @PostMapping("/sweep")
    ResponseEntity<Envelope<SweepResponse>> sweep() {
        OrphanBlobSweeper.Result r = sweeper.sweep();
        return Envelope.ok(
                SweepResponse.of(r),
                r.swept()
                        ? "Removed " + r.deleted() + " unreferenced blob(s)"
                        : "Stopped (" + r.skippedBecause() + "); removed " + r.deleted() + " unreferenced blob(s)");
    }
}
