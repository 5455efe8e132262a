package io.voxify.query.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.training.AverageEpochTimeQuery;
import io.voxify.events.training.FindTrainingJobQuery;
import io.voxify.events.training.FindTrainingJobsQuery;
import io.voxify.events.training.FindUserTrainingJobsQuery;
import io.voxify.events.training.TrainingCompletedEvent;
import io.voxify.events.training.TrainingEpochCompletedEvent;
import io.voxify.events.training.TrainingFailedEvent;
import io.voxify.events.training.TrainingJobCreatedEvent;
import io.voxify.events.training.TrainingSettings;
import io.voxify.events.training.TrainingStartedEvent;
import io.voxify.events.training.TrainingStatus;
import io.voxify.events.training.TrainingView;
import io.voxify.events.training.TrainingView.EpochLoss;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ReadModelTest
class TrainingProjectionTest {
    private static final String JOB = "train_1";
    private static final String USER = "user_ann";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final TrainingSettings SETTINGS = new TrainingSettings(100, 0.001, 32, true);
    private static final CloneProfile FIRST = new CloneProfile("flite:rms", 1.0, 1.0, 1.0, 1.0, 0.1, null);
    private static final CloneProfile SECOND = new CloneProfile("flite:rms", 1.1, 1.2, 0.9, 1.0, 0.1, 1.3);
    private static final CloneQuality BEFORE = new CloneQuality(120, 130, 0.08, 0.7, 0.3, 0.6, 0.6, "fit");
    private static final CloneQuality AFTER = new CloneQuality(120, 122, 0.02, 0.8, 0.3, 0.6, 0.75, "fit");

    @Autowired
    private TrainingProjection projection;

    @Autowired
    private Deliveries deliveries;

    @AfterEach
    void unsubscribe() {
        deliveries.unsubscribeAll();
    }

    private void deliver(long sequence, Object event) {
        deliveries.deliver(projection, JOB, sequence, T0.plusSeconds(sequence), event);
    }

    private TrainingView view() {
        return projection.handle(new FindTrainingJobQuery(JOB)).orElseThrow();
    }

    private static TrainingJobCreatedEvent created(String id, TrainingSettings settings, int sentencesPerEpoch) {
        return new TrainingJobCreatedEvent(id, USER, "vs_1", "vc_1", settings, 1800.0, true, sentencesPerEpoch);
    }

    private static TrainingEpochCompletedEvent epoch(int n, double loss, CloneProfile profile) {
        return new TrainingEpochCompletedEvent(JOB, n, SETTINGS.epochs(), loss, profile, 900L + n);
    }

    /** Created, started and two epochs, the second worse than the first: sequences 0 to 3. */
    private void runTwoEpochs() {
        deliver(0, created(JOB, SETTINGS, 2));
        deliver(1, new TrainingStartedEvent(JOB, "worker-a"));
        deliver(2, epoch(1, 0.5, FIRST));
        deliver(3, epoch(2, 0.7, SECOND));
    }

    @Test
    void aCreatedJobIsPendingWithItsSettingsAndNoLossesYet() {
        deliver(0, created(JOB, SETTINGS, 2));

        TrainingView view = view();
        assertThat(view.status()).isEqualTo(TrainingStatus.PENDING);
        assertThat(view.version()).isZero();
        assertThat(view.userId()).isEqualTo(USER);
        assertThat(view.sampleId()).isEqualTo("vs_1");
        assertThat(view.cloneId()).isEqualTo("vc_1");
        assertThat(view.settings()).isEqualTo(SETTINGS);
        assertThat(view.progress()).isZero();
        assertThat(view.epochsDone()).isZero();
        assertThat(view.losses()).isEmpty();
        assertThat(view.bestLoss()).isNull();
        assertThat(view.estimatedSeconds()).isEqualTo(1800.0);
        assertThat(view.buildsClone()).isTrue();
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.updatedAt()).isEqualTo(T0);
        assertThat(view.startedAt()).isNull();
        assertThat(view.completedAt()).isNull();
    }

    @Test
    void epochsBuildTheLossCurveAndKeepTheBestProfile() {
        runTwoEpochs();

        TrainingView view = view();
        assertThat(view.status()).isEqualTo(TrainingStatus.PROCESSING);
        assertThat(view.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(view.epochsDone()).isEqualTo(2);
        assertThat(view.progress()).isEqualTo(2.0);
        assertThat(view.losses()).containsExactly(new EpochLoss(1, 0.5, 901), new EpochLoss(2, 0.7, 902));
        assertThat(view.bestLoss()).as("the second epoch was worse").isEqualTo(0.5);
        assertThat(view.bestProfile()).isEqualTo(FIRST);
        assertThat(view.version()).isEqualTo(3);
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void progressStopsShortOfAHundredUntilTheJobCompletes() {
        TrainingSettings two = new TrainingSettings(2, 0.001, 32, true);
        deliver(0, created(JOB, two, 1));
        deliver(1, new TrainingStartedEvent(JOB, "worker-a"));
        deliver(2, new TrainingEpochCompletedEvent(JOB, 1, 2, 0.5, FIRST, 900));
        assertThat(view().progress()).isEqualTo(50.0);
        deliver(3, new TrainingEpochCompletedEvent(JOB, 2, 2, 0.4, SECOND, 900));
        assertThat(view().progress()).isEqualTo(99.0);
        assertThat(view().bestProfile()).isEqualTo(SECOND);

        deliver(4, new TrainingCompletedEvent(JOB, "vc_1", SECOND, 0.4, AFTER, 60_000, BEFORE, true));
        assertThat(view().progress()).isEqualTo(100.0);
    }

    @Test
    void completionRecordsTheBestProfileAndWhatItMadeOfTheVoice() {
        runTwoEpochs();
        deliver(4, new TrainingCompletedEvent(JOB, "vc_1", SECOND, 0.45, AFTER, 60_000, BEFORE, true));

        TrainingView view = view();
        assertThat(view.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(view.bestLoss()).as("the job's own account of its best").isEqualTo(0.45);
        assertThat(view.bestProfile()).isEqualTo(SECOND);
        assertThat(view.quality()).isEqualTo(AFTER);
        assertThat(view.startQuality()).isEqualTo(BEFORE);
        assertThat(view.qualityEnhanced()).isTrue();
        assertThat(view.completedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(view.losses()).hasSize(2);
    }

    @Test
    void failureKeepsTheCurveSoFarAndSaysWhy() {
        runTwoEpochs();
        deliver(4, new TrainingFailedEvent(JOB, "Training did not finish within 5400 s", "SERVICE_UNAVAILABLE"));

        TrainingView view = view();
        assertThat(view.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(view.errorMessage()).isEqualTo("Training did not finish within 5400 s");
        assertThat(view.completedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(view.losses()).hasSize(2);
        assertThat(view.quality()).isNull();
    }

    @Test
    void eventsHandledAgainChangeNothingAndTellNoOne() {
        runTwoEpochs();
        deliver(4, new TrainingCompletedEvent(JOB, "vc_1", SECOND, 0.45, AFTER, 60_000, BEFORE, true));
        TrainingView before = view();
        Deliveries.Subscriber<TrainingView> subscriber =
                deliveries.subscribe(new FindTrainingJobQuery(JOB), TrainingView.class);

        deliver(2, epoch(1, 0.5, FIRST));
        deliver(1, new TrainingStartedEvent(JOB, "worker-b"));
        deliver(0, created(JOB, new TrainingSettings(5, 0.1, 1, false), 1));
        deliver(4, new TrainingFailedEvent(JOB, "late", "SERVICE_UNAVAILABLE"));

        assertThat(view()).isEqualTo(before);
        assertThat(subscriber.updates()).isEmpty();
    }

    @Test
    void anOlderEpochHandledAgainLeavesTheCurveProgressAndBestAsTheyAre() {
        runTwoEpochs();
        deliver(4, epoch(3, 0.6, SECOND));
        TrainingView before = view();
        Double averageBefore = projection.handle(new AverageEpochTimeQuery());
        Deliveries.Subscriber<TrainingView> subscriber =
                deliveries.subscribe(new FindTrainingJobQuery(JOB), TrainingView.class);

        deliver(2, epoch(1, 0.5, FIRST));
        deliver(3, epoch(2, 0.7, SECOND));

        assertThat(view()).isEqualTo(before);
        assertThat(view().losses()).extracting(EpochLoss::epoch).containsExactly(1, 2, 3);
        assertThat(view().epochsDone()).isEqualTo(3);
        assertThat(view().progress()).isEqualTo(3.0);
        assertThat(view().bestLoss()).isEqualTo(0.5);
        assertThat(projection.handle(new AverageEpochTimeQuery()))
                .as("the epoch times are counted once")
                .isEqualTo(averageBefore);
        assertThat(subscriber.updates()).isEmpty();
    }

    @Test
    void eventsOfAJobNeverCreatedAreIgnored() {
        deliver(1, new TrainingStartedEvent(JOB, "worker-a"));
        deliver(2, epoch(1, 0.5, FIRST));

        assertThat(projection.handle(new FindTrainingJobQuery(JOB))).isEmpty();
    }

    @Test
    void everyChangeReachesTheJobsSubscribersAndNoOneElse() {
        Deliveries.Subscriber<TrainingView> mine =
                deliveries.subscribe(new FindTrainingJobQuery(JOB), TrainingView.class);
        Deliveries.Subscriber<TrainingView> other =
                deliveries.subscribe(new FindTrainingJobQuery("train_2"), TrainingView.class);

        runTwoEpochs();

        assertThat(mine.updates()).extracting(TrainingView::version).containsExactly(0L, 1L, 2L, 3L);
        assertThat(mine.updates()).last().isEqualTo(view());
        assertThat(other.updates()).isEmpty();
    }

    @Test
    void theListHoldsTheAskedStatusesOldestFirstAPageAtATime() {
        deliveries.deliver(projection, "train_a", 0, T0, created("train_a", SETTINGS, 1));
        deliveries.deliver(projection, "train_b", 0, T0.plusSeconds(10), created("train_b", SETTINGS, 1));
        deliveries.deliver(projection, "train_c", 0, T0.plusSeconds(20), created("train_c", SETTINGS, 1));
        deliveries.deliver(projection, "train_b", 1, T0.plusSeconds(30), new TrainingStartedEvent("train_b", "w"));

        assertThat(ids(new FindTrainingJobsQuery(List.of(TrainingStatus.PENDING), 10, 0)))
                .containsExactly("train_a", "train_c");
        assertThat(ids(new FindTrainingJobsQuery(List.of(TrainingStatus.PENDING, TrainingStatus.PROCESSING), 2, 0)))
                .containsExactly("train_a", "train_b");
        assertThat(ids(new FindTrainingJobsQuery(List.of(TrainingStatus.PENDING, TrainingStatus.PROCESSING), 2, 2)))
                .containsExactly("train_c");
        assertThat(ids(new FindTrainingJobsQuery(List.of(TrainingStatus.COMPLETED), 10, 0)))
                .isEmpty();
    }

    @Test
    void aUsersTrainingJobsAreTheirsOnlyOldestFirstAPageAtATime() {
        deliveries.deliver(projection, "train_a", 0, T0, created("train_a", SETTINGS, 1));
        deliveries.deliver(
                projection,
                "train_x",
                0,
                T0.plusSeconds(5),
                new TrainingJobCreatedEvent("train_x", "user_bob", "vs_9", "vc_9", SETTINGS, 1800.0, true, 1));
        deliveries.deliver(projection, "train_b", 0, T0.plusSeconds(10), created("train_b", SETTINGS, 1));
        deliveries.deliver(projection, "train_c", 0, T0.plusSeconds(20), created("train_c", SETTINGS, 1));

        assertThat(userIds(new FindUserTrainingJobsQuery(USER, 2, 0))).containsExactly("train_a", "train_b");
        assertThat(userIds(new FindUserTrainingJobsQuery(USER, 2, 2))).containsExactly("train_c");
        assertThat(userIds(new FindUserTrainingJobsQuery("user_bob", 10, 0))).containsExactly("train_x");
        assertThat(userIds(new FindUserTrainingJobsQuery("user_nobody", 10, 0))).isEmpty();
    }

    private List<String> userIds(FindUserTrainingJobsQuery query) {
        return projection.handle(query).items().stream()
                .map(TrainingView::trainingJobId)
                .toList();
    }

    private List<String> ids(FindTrainingJobsQuery query) {
        return projection.handle(query).items().stream()
                .map(TrainingView::trainingJobId)
                .toList();
    }

    @Test
    void theAverageEpochTimeIsPerSentenceSpokenAndLeavesFirstEpochsOut() {
        assertThat(projection.handle(new AverageEpochTimeQuery()))
                .as("nothing measured yet")
                .isEqualTo(-1.0);

        // Two sentences an epoch: 1000 + 1200 ms over four sentences after the first epoch.
        deliveries.deliver(projection, "train_a", 0, T0, created("train_a", SETTINGS, 2));
        deliveries.deliver(projection, "train_a", 1, T0, new TrainingStartedEvent("train_a", "w"));
        long sequence = 2;
        for (long[] e : new long[][] {{1, 9_000}, {2, 1_000}, {3, 1_200}}) {
            deliveries.deliver(
                    projection,
                    "train_a",
                    sequence++,
                    T0,
                    new TrainingEpochCompletedEvent("train_a", (int) e[0], 100, 0.5, FIRST, e[1]));
        }
        // One sentence an epoch: 300 ms over one sentence.
        deliveries.deliver(projection, "train_b", 0, T0, created("train_b", SETTINGS, 1));
        deliveries.deliver(projection, "train_b", 1, T0, new TrainingStartedEvent("train_b", "w"));
        deliveries.deliver(
                projection, "train_b", 2, T0, new TrainingEpochCompletedEvent("train_b", 1, 100, 0.5, FIRST, 5_000));
        deliveries.deliver(
                projection, "train_b", 3, T0, new TrainingEpochCompletedEvent("train_b", 2, 100, 0.5, FIRST, 300));

        assertThat(projection.handle(new AverageEpochTimeQuery())).isEqualTo((1_000 + 1_200 + 300) / 5.0);
    }

    @Test
    void aResetEmptiesTheTableForTheReplay() {
        runTwoEpochs();
        deliveries.reset(projection);

        assertThat(projection.handle(new FindTrainingJobQuery(JOB))).isEmpty();
        runTwoEpochs();
        assertThat(view().epochsDone()).isEqualTo(2);
    }
}
