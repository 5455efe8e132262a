package io.voxify.gateway.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.gateway.file.OrphanBlobSweeper;
import io.voxify.gateway.web.Envelope;

/**
 * A sweep of unreferenced blobs as {@code POST /api/v1/admin/storage/sweep} answers it.
 *
 * @param skippedBecause why the sweep stopped short or did not start, null when it ran to the end
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SweepResponse(
        boolean swept,
        String skippedBecause,
        int listed,
        int kept,
        int tooYoung,
        int unchecked,
        int deleted,
        long deletedBytes,
        String startedAt,
        String finishedAt) {

    static SweepResponse of(OrphanBlobSweeper.Result r) {
        return new SweepResponse(
                r.swept(),
                r.skippedBecause(),
                r.listed(),
                r.kept(),
                r.tooYoung(),
                r.unchecked(),
                r.deleted(),
                r.deletedBytes(),
                Envelope.iso(r.startedAt()),
                Envelope.iso(r.finishedAt()));
    }
}
