package io.voxify.gateway.admin;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.admin.PlatformStats;
import io.voxify.events.admin.PlatformStatsQuery;
import io.voxify.gateway.library.VoiceLibrary;
import io.voxify.gateway.web.Envelope;
import java.time.Instant;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Platform statistics for administrators, read from the projections at the moment of asking. */
@RestController
@Tag(name = "Administration")
@RequestMapping("/api/v1/admin/stats")
public class AdminStatsController {
    /** The activity window and the per-day history, in days. */
    static final int DAYS = 30;

    static final int TOP_VOICES = 10;

    private final QueryGateway queries;
    private final VoiceLibrary library;

    public AdminStatsController(QueryGateway queries, VoiceLibrary library) {
        this.queries = queries;
        this.library = library;
    }

    @GetMapping
    ResponseEntity<Envelope<AdminStatsResponse>> stats() {
        PlatformStats stats = queries.query(
                        new PlatformStatsQuery(Instant.now(), DAYS, TOP_VOICES), PlatformStats.class)
                .join();
        return Envelope.ok(
                AdminStatsResponse.of(stats, id -> library.sharedVoiceName(id).orElse(null)));
    }
}
