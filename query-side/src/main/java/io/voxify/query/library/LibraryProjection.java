package io.voxify.query.library;

import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobFailedEvent;
import io.voxify.events.library.FavoritesView;
import io.voxify.events.library.FindFavoritesQuery;
import io.voxify.events.library.FindVoiceStatisticsQuery;
import io.voxify.events.library.VoiceFavoritedEvent;
import io.voxify.events.library.VoiceStatistics;
import io.voxify.events.library.VoiceStatisticsList;
import io.voxify.events.library.VoiceUnfavoritedEvent;
import io.voxify.query.support.ViewUpdates;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The voice library's own read models: favourites per user and usage statistics per voice model
 * (jobs created with it, completed, failed, synthesis time and audio produced). The counts are
 * exact because each batch's rows and the processor's token commit together and a job's event
 * handled again is not counted again (see the job handlers); a replay starts from the reset
 * below and rebuilds the same numbers.
 */
@Component
@ProcessingGroup(LibraryProjection.PROCESSING_GROUP)
public class LibraryProjection {
    public static final String PROCESSING_GROUP = "library";

    private final FavoriteRepository favorites;
    private final VoiceStatsRepository stats;
    private final JobVoiceRepository jobVoices;
    private final ViewUpdates views;

    public LibraryProjection(
            FavoriteRepository favorites, VoiceStatsRepository stats, JobVoiceRepository jobVoices, ViewUpdates views) {
        this.favorites = favorites;
        this.stats = stats;
        this.jobVoices = jobVoices;
        this.views = views;
    }

    @EventHandler
    void on(VoiceFavoritedEvent e) {
        FavoriteEntity row = new FavoriteEntity();
        row.id = e.userId() + "|" + e.voiceModelId();
        row.userId = e.userId();
        row.voiceModelId = e.voiceModelId();
        favorites.save(row);
        emitFavorites(e.userId());
    }

    @EventHandler
    void on(VoiceUnfavoritedEvent e) {
        favorites.deleteById(e.userId() + "|" + e.voiceModelId());
        emitFavorites(e.userId());
    }

    private void emitFavorites(String userId) {
        views.emit(FindFavoritesQuery.class, userId, handle(new FindFavoritesQuery(userId)));
    }

    /**
     * A job's events are counted once, though handled again (a redelivery, or a batch handled a second time after
     * another node claimed the token). A voice's row sums the events of many jobs, so no one sequence number of its
     * own can tell what it includes; each job's row, which the end of a job reads anyway to find its voice, keeps
     * the sequence number of the job's last event counted. That costs no extra table nor read, and stays bounded as
     * the job rows are: one per job. A creation counts only when it makes the job's row.
     */
    @EventHandler
    void on(JobCreatedEvent e, @SequenceNumber long seq) {
        if (jobVoices.existsById(e.jobId())) {
            return;
        }
        JobVoiceEntity job = new JobVoiceEntity();
        job.jobId = e.jobId();
        job.voiceModelId = e.voiceModelId();
        job.countedSequence = seq;
        jobVoices.save(job);
        VoiceStatsEntity row = row(e.voiceModelId());
        row.usageCount++;
        stats.save(row);
    }

    @EventHandler
    void on(JobCompletedEvent e, @SequenceNumber long seq) {
        countEnd(e.jobId(), seq, row -> {
            row.completed++;
            row.totalProcessingMs += e.processingTimeMs();
            row.totalAudioSeconds += e.output().durationSeconds();
        });
    }

    @EventHandler
    void on(JobFailedEvent e, @SequenceNumber long seq) {
        countEnd(e.jobId(), seq, row -> row.failed++);
    }

    /** Rows of jobs recorded before the sequence was kept (null) count the next event, as they always did. */
    private void countEnd(String jobId, long seq, Consumer<VoiceStatsEntity> count) {
        jobVoices.findById(jobId).ifPresent(job -> {
            if (job.countedSequence != null && seq <= job.countedSequence) {
                return;
            }
            job.countedSequence = seq;
            jobVoices.save(job);
            VoiceStatsEntity row = row(job.voiceModelId);
            count.accept(row);
            stats.save(row);
        });
    }

    @ResetHandler
    void reset() {
        favorites.deleteAllInBatch();
        stats.deleteAllInBatch();
        jobVoices.deleteAllInBatch();
    }

    @QueryHandler
    public FavoritesView handle(FindFavoritesQuery query) {
        Set<String> mine = new LinkedHashSet<>();
        favorites.findByUserId(query.userId()).forEach(f -> mine.add(f.voiceModelId));
        Map<String, Long> counts = new HashMap<>();
        favorites.countByVoice().forEach(r -> counts.put((String) r[0], (Long) r[1]));
        return new FavoritesView(mine, counts);
    }

    @QueryHandler
    public VoiceStatisticsList handle(FindVoiceStatisticsQuery query) {
        return new VoiceStatisticsList(stats.findAllById(query.voiceModelIds()).stream()
                .map(r -> new VoiceStatistics(
                        r.voiceModelId,
                        r.usageCount,
                        r.completed,
                        r.failed,
                        r.completed == 0 ? 0 : r.totalProcessingMs / 1000.0 / r.completed,
                        r.totalAudioSeconds))
                .toList());
    }

    private VoiceStatsEntity row(String voiceModelId) {
        return stats.findById(voiceModelId).orElseGet(() -> {
            VoiceStatsEntity fresh = new VoiceStatsEntity();
            fresh.voiceModelId = voiceModelId;
            return fresh;
        });
    }
}
