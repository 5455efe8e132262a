package io.voxify.query.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.job.AudioOutput;
import io.voxify.events.job.JobCompletedEvent;
import io.voxify.events.job.JobCreatedEvent;
import io.voxify.events.job.JobFailedEvent;
import io.voxify.events.library.FavoritesView;
import io.voxify.events.library.FindFavoritesQuery;
import io.voxify.events.library.FindVoiceStatisticsQuery;
import io.voxify.events.library.VoiceFavoritedEvent;
import io.voxify.events.library.VoiceStatistics;
import io.voxify.events.library.VoiceUnfavoritedEvent;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ReadModelTest
class LibraryProjectionTest {
    private static final String ANN = "user_ann";
    private static final String BOB = "user_bob";
    private static final String GENTLE = "preset_gentle_female_001";
    private static final String DEFAULT = "default_voice_001";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    private LibraryProjection projection;

    @Autowired
    private JobVoiceRepository jobVoices;

    @Autowired
    private Deliveries deliveries;

    @AfterEach
    void unsubscribe() {
        deliveries.unsubscribeAll();
    }

    private void favorite(String user, long sequence, String voice) {
        deliveries.deliver(
                projection, "fav_" + user, sequence, T0, new VoiceFavoritedEvent("fav_" + user, user, voice));
    }

    private void unfavorite(String user, long sequence, String voice) {
        deliveries.deliver(
                projection, "fav_" + user, sequence, T0, new VoiceUnfavoritedEvent("fav_" + user, user, voice));
    }

    private FavoritesView favorites(String user) {
        return projection.handle(new FindFavoritesQuery(user));
    }

    @Test
    void aUserSeesTheirOwnFavouritesAndHowManyUsersChoseEachVoice() {
        favorite(ANN, 0, GENTLE);
        favorite(ANN, 1, DEFAULT);
        favorite(BOB, 0, GENTLE);

        assertThat(favorites(ANN).favorites()).containsExactlyInAnyOrder(GENTLE, DEFAULT);
        assertThat(favorites(BOB).favorites()).containsExactly(GENTLE);
        assertThat(favorites(ANN).favoritesCount()).isEqualTo(Map.of(GENTLE, 2L, DEFAULT, 1L));
        assertThat(favorites("user_cat").favorites()).isEmpty();
    }

    @Test
    void aRemovedFavouriteLeavesTheListAndTheCount() {
        favorite(ANN, 0, GENTLE);
        favorite(BOB, 0, GENTLE);
        unfavorite(ANN, 1, GENTLE);

        assertThat(favorites(ANN).favorites()).isEmpty();
        assertThat(favorites(ANN).favoritesCount()).isEqualTo(Map.of(GENTLE, 1L));
    }

    @Test
    void favouritesHandledAgainAreCountedOnce() {
        favorite(ANN, 0, GENTLE);
        favorite(ANN, 0, GENTLE);
        assertThat(favorites(ANN).favoritesCount()).isEqualTo(Map.of(GENTLE, 1L));

        unfavorite(ANN, 1, GENTLE);
        unfavorite(ANN, 1, GENTLE);
        assertThat(favorites(ANN).favorites()).isEmpty();
        assertThat(favorites(ANN).favoritesCount()).isEmpty();
    }

    @Test
    void eachChangeReachesOnlyThatUsersSubscribers() {
        Deliveries.Subscriber<FavoritesView> ann =
                deliveries.subscribe(new FindFavoritesQuery(ANN), FavoritesView.class);
        Deliveries.Subscriber<FavoritesView> bob =
                deliveries.subscribe(new FindFavoritesQuery(BOB), FavoritesView.class);

        favorite(ANN, 0, GENTLE);
        unfavorite(ANN, 1, GENTLE);

        assertThat(ann.updates()).extracting(FavoritesView::favorites).containsExactly(Set.of(GENTLE), Set.of());
        assertThat(bob.updates()).isEmpty();
    }

    private void jobCreated(String jobId, String voice) {
        deliveries.deliver(
                projection,
                jobId,
                0,
                T0,
                new JobCreatedEvent(jobId, ANN, "Hello.", "h", "en", "plain", voice, null, null));
    }

    private void jobCompleted(String jobId, long processingMs, double audioSeconds) {
        deliveries.deliver(
                projection,
                jobId,
                3,
                T0,
                new JobCompletedEvent(
                        jobId,
                        ANN,
                        1,
                        new AudioOutput(
                                "file_" + jobId,
                                "audio/" + jobId + ".wav",
                                "wav",
                                "audio/wav",
                                22_050,
                                1,
                                44_100,
                                audioSeconds,
                                "00"),
                        List.of(),
                        processingMs,
                        processingMs / 2));
    }

    private VoiceStatistics statistics(String voice) {
        return projection
                .handle(new FindVoiceStatisticsQuery(List.of(voice)))
                .items()
                .get(0);
    }

    @Test
    void everyJobCountsForItsVoiceAsCreatedThenCompletedOrFailed() {
        jobCreated("job_1", GENTLE);
        jobCreated("job_2", GENTLE);
        jobCreated("job_3", GENTLE);
        jobCreated("job_4", DEFAULT);
        jobCompleted("job_1", 1_000, 2.5);
        jobCompleted("job_2", 3_000, 4.0);
        deliveries.deliver(
                projection, "job_3", 2, T0, new JobFailedEvent("job_3", "Engine failed", "SYNTHESIS_FAILED"));

        assertThat(statistics(GENTLE)).isEqualTo(new VoiceStatistics(GENTLE, 3, 2, 1, 2.0, 6.5));
        assertThat(statistics(DEFAULT)).isEqualTo(new VoiceStatistics(DEFAULT, 1, 0, 0, 0, 0));
    }

    @Test
    void jobEventsHandledAgainAreCountedOnce() {
        jobCreated("job_1", GENTLE);
        jobCreated("job_2", GENTLE);
        jobCompleted("job_1", 1_000, 2.5);
        deliveries.deliver(
                projection, "job_2", 2, T0, new JobFailedEvent("job_2", "Engine failed", "SYNTHESIS_FAILED"));

        jobCreated("job_1", GENTLE);
        jobCompleted("job_1", 1_000, 2.5);
        jobCreated("job_2", GENTLE);
        deliveries.deliver(
                projection, "job_2", 2, T0, new JobFailedEvent("job_2", "Engine failed", "SYNTHESIS_FAILED"));

        assertThat(statistics(GENTLE)).isEqualTo(new VoiceStatistics(GENTLE, 2, 1, 1, 1.0, 2.5));
    }

    @Test
    void aJobRecordedBeforeCountsWereVersionedCountsItsEndOnce() {
        jobCreated("job_1", GENTLE);
        JobVoiceEntity old = jobVoices.findById("job_1").orElseThrow();
        old.countedSequence = null;
        jobVoices.saveAndFlush(old);

        jobCompleted("job_1", 1_000, 2.5);
        jobCompleted("job_1", 1_000, 2.5);

        assertThat(statistics(GENTLE)).isEqualTo(new VoiceStatistics(GENTLE, 1, 1, 0, 1.0, 2.5));
    }

    @Test
    void theStatisticsAnswerOnlyForTheVoicesAskedAbout() {
        jobCreated("job_1", GENTLE);
        jobCreated("job_2", DEFAULT);

        assertThat(projection
                        .handle(new FindVoiceStatisticsQuery(List.of(GENTLE, "never_used")))
                        .items())
                .extracting(VoiceStatistics::voiceModelId)
                .containsExactly(GENTLE);
    }

    @Test
    void theEndOfAJobNeverSeenCountsForNoVoice() {
        jobCompleted("job_unknown", 1_000, 2.5);
        deliveries.deliver(projection, "job_other", 2, T0, new JobFailedEvent("job_other", "x", "SYNTHESIS_FAILED"));

        assertThat(projection
                        .handle(new FindVoiceStatisticsQuery(List.of(GENTLE, DEFAULT)))
                        .items())
                .isEmpty();
    }

    @Test
    void aResetEmptiesFavouritesAndStatisticsForTheReplay() {
        favorite(ANN, 0, GENTLE);
        jobCreated("job_1", GENTLE);
        deliveries.reset(projection);

        assertThat(favorites(ANN).favorites()).isEmpty();
        assertThat(favorites(ANN).favoritesCount()).isEmpty();
        assertThat(projection
                        .handle(new FindVoiceStatisticsQuery(List.of(GENTLE)))
                        .items())
                .isEmpty();
        jobCompleted("job_1", 1_000, 2.5);
        assertThat(projection
                        .handle(new FindVoiceStatisticsQuery(List.of(GENTLE)))
                        .items())
                .as("the job's voice is forgotten too")
                .isEmpty();
    }
}
