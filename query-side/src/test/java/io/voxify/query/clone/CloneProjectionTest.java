package io.voxify.query.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.clone.CloneFitQuality;
import io.voxify.events.clone.CloneFittingProgressedEvent;
import io.voxify.events.clone.CloneFittingStartedEvent;
import io.voxify.events.clone.CloneGeneration;
import io.voxify.events.clone.CloneGenerationRequestedEvent;
import io.voxify.events.clone.CloneGenerationSettings;
import io.voxify.events.clone.CloneProfile;
import io.voxify.events.clone.CloneQuality;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneByGenerationJobQuery;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.events.clone.FindClonesQuery;
import io.voxify.events.clone.VoiceCloneCreatedEvent;
import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.clone.VoiceCloneFailedEvent;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.clone.VoiceCloneRefinedEvent;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ReadModelTest
class CloneProjectionTest {
    private static final String CLONE = "vc_1";
    private static final String USER = "user_ann";
    private static final String GENERATION = "gen_1";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final CloneGenerationSettings SETTINGS =
            new CloneGenerationSettings("flite:rms", CloneFitQuality.BALANCED);
    private static final CloneProfile PROFILE = new CloneProfile("flite:rms", 1.08, 1.2, 0.9, 1.02, 0.15, null);
    private static final CloneProfile REFINED = new CloneProfile("flite:rms", 1.1, 1.1, 0.95, 1.0, 0.1, 1.2);
    private static final CloneQuality QUALITY = new CloneQuality(120, 121, 0.01, 0.8, 0.3, 0.6, 0.72, "fit");
    private static final CloneQuality BETTER = new CloneQuality(120, 120.5, 0.004, 0.85, 0.3, 0.6, 0.8, "fit");

    @Autowired
    private CloneProjection projection;

    @Autowired
    private Deliveries deliveries;

    @AfterEach
    void unsubscribe() {
        deliveries.unsubscribeAll();
    }

    private void deliver(long sequence, Object event) {
        deliveries.deliver(projection, CLONE, sequence, at(sequence), event);
    }

    private static Instant at(long sequence) {
        return T0.plusSeconds(sequence);
    }

    private CloneView view() {
        return projection.handle(new FindCloneQuery(CLONE)).orElseThrow();
    }

    private static VoiceCloneCreatedEvent created(String cloneId, String userId, List<String> sampleIds) {
        return new VoiceCloneCreatedEvent(cloneId, userId, sampleIds, "My voice", "Read aloud", "en-US");
    }

    /** Created, its generation requested, fitting started and half done: sequences 0 to 3. */
    private void fitHalfway() {
        deliver(0, created(CLONE, USER, List.of("vs_1", "vs_2")));
        deliver(1, new CloneGenerationRequestedEvent(CLONE, GENERATION, USER, SETTINGS));
        deliver(2, new CloneFittingStartedEvent(CLONE, 1, "worker-a"));
        deliver(3, new CloneFittingProgressedEvent(CLONE, GENERATION, 1, 3, 6, "fitting timbre"));
    }

    @Test
    void aCreatedCloneIsPendingWithItsSamples() {
        deliver(0, created(CLONE, USER, List.of("vs_1", "vs_2")));

        CloneView view = view();
        assertThat(view.status()).isEqualTo(CloneStatus.PENDING);
        assertThat(view.userId()).isEqualTo(USER);
        assertThat(view.name()).isEqualTo("My voice");
        assertThat(view.description()).isEqualTo("Read aloud");
        assertThat(view.language()).isEqualTo("en-US");
        assertThat(view.sampleIds()).containsExactly("vs_1", "vs_2");
        assertThat(view.version()).isZero();
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.profile()).isNull();
        assertThat(view.generation()).as("no generation job asked for yet").isNull();
    }

    @Test
    void theGenerationJobIsQueuedThenStartedThenFollowedStepByStep() {
        deliver(0, created(CLONE, USER, List.of("vs_1")));
        deliver(1, new CloneGenerationRequestedEvent(CLONE, GENERATION, USER, SETTINGS));
        assertThat(view().generation())
                .isEqualTo(new CloneGeneration(GENERATION, SETTINGS, 0, 0, 0, "queued", null, null));

        deliver(2, new CloneFittingStartedEvent(CLONE, 1, "worker-a"));
        assertThat(view().status()).isEqualTo(CloneStatus.TRAINING);
        assertThat(view().generation())
                .isEqualTo(new CloneGeneration(GENERATION, SETTINGS, 0, 0, 0, "started", at(2), null));

        deliver(3, new CloneFittingProgressedEvent(CLONE, GENERATION, 1, 1, 3, "fitting pitch"));
        assertThat(view().generation())
                .as("progress in tenths of a percent")
                .isEqualTo(new CloneGeneration(GENERATION, SETTINGS, 33.3, 1, 3, "fitting pitch", at(2), null));
        deliver(4, new CloneFittingProgressedEvent(CLONE, GENERATION, 1, 3, 3, "checking"));
        assertThat(view().generation().progress())
                .as("a hundred only when ready")
                .isEqualTo(99.0);
    }

    @Test
    void aReadyCloneHasItsProfileQualityAndFinishedGeneration() {
        fitHalfway();
        deliver(4, new VoiceCloneReadyEvent(CLONE, USER, PROFILE, QUALITY, "vec_1", 30_000));

        CloneView view = view();
        assertThat(view.status()).isEqualTo(CloneStatus.READY);
        assertThat(view.profile()).isEqualTo(PROFILE);
        assertThat(view.quality()).isEqualTo(QUALITY);
        assertThat(view.vectorId()).isEqualTo("vec_1");
        assertThat(view.readyAt()).isEqualTo(at(4));
        assertThat(view.processingTimeMs()).isEqualTo(30_000L);
        assertThat(view.errorMessage()).isNull();
        assertThat(view.generation())
                .isEqualTo(new CloneGeneration(GENERATION, SETTINGS, 100, 6, 6, "completed", at(2), at(4)));
        assertThat(view.version()).isEqualTo(4);
        assertThat(view.updatedAt()).isEqualTo(at(4));
    }

    @Test
    void aFailedFitSaysWhyAndKeepsHowFarItGot() {
        fitHalfway();
        deliver(4, new VoiceCloneFailedEvent(CLONE, "The samples cannot be fitted", "SAMPLE_NOT_PROCESSED"));

        CloneView view = view();
        assertThat(view.status()).isEqualTo(CloneStatus.FAILED);
        assertThat(view.errorMessage()).isEqualTo("The samples cannot be fitted");
        assertThat(view.generation())
                .isEqualTo(new CloneGeneration(GENERATION, SETTINGS, 50, 3, 6, "failed", at(2), at(4)));
    }

    @Test
    void aRetryThatSucceedsClearsTheEarlierFailure() {
        fitHalfway();
        deliver(4, new VoiceCloneFailedEvent(CLONE, "Worker lost", "SERVICE_UNAVAILABLE"));
        deliver(5, new VoiceCloneReadyEvent(CLONE, USER, PROFILE, QUALITY, "vec_1", 30_000));

        assertThat(view().status()).isEqualTo(CloneStatus.READY);
        assertThat(view().errorMessage()).isNull();
    }

    @Test
    void trainingRefinesTheProfileOfAReadyClone() {
        fitHalfway();
        deliver(4, new VoiceCloneReadyEvent(CLONE, USER, PROFILE, QUALITY, "vec_1", 30_000));
        deliver(5, new VoiceCloneRefinedEvent(CLONE, "train_1", REFINED, BETTER));

        CloneView view = view();
        assertThat(view.status()).isEqualTo(CloneStatus.READY);
        assertThat(view.profile()).isEqualTo(REFINED);
        assertThat(view.quality()).isEqualTo(BETTER);
        assertThat(view.readyAt()).as("still ready since the fit").isEqualTo(at(4));
    }

    @Test
    void clonesFromBeforeGenerationJobsProgressWithoutOne() {
        deliver(0, created(CLONE, USER, List.of("vs_1")));
        deliver(1, new CloneFittingStartedEvent(CLONE, 1, "worker-a"));
        deliver(2, new CloneFittingProgressedEvent(CLONE, null, 1, 1, 2, "fitting"));
        deliver(3, new VoiceCloneReadyEvent(CLONE, USER, PROFILE, QUALITY, "vec_1", 30_000));

        assertThat(view().status()).isEqualTo(CloneStatus.READY);
        assertThat(view().generation()).isNull();
    }

    @Test
    void eventsHandledAgainChangeNothingAndTellNoOne() {
        fitHalfway();
        deliver(4, new VoiceCloneReadyEvent(CLONE, USER, PROFILE, QUALITY, "vec_1", 30_000));
        CloneView before = view();
        Deliveries.Subscriber<CloneView> subscriber = deliveries.subscribe(new FindCloneQuery(CLONE), CloneView.class);

        deliver(3, new CloneFittingProgressedEvent(CLONE, GENERATION, 1, 3, 6, "fitting timbre"));
        deliver(2, new CloneFittingStartedEvent(CLONE, 1, "worker-a"));
        deliver(1, new CloneGenerationRequestedEvent(CLONE, "gen_other", USER, SETTINGS));
        deliver(0, created(CLONE, "user_bob", List.of("vs_9")));
        deliver(4, new VoiceCloneFailedEvent(CLONE, "late", "SERVICE_UNAVAILABLE"));

        assertThat(view()).isEqualTo(before);
        assertThat(subscriber.updates()).isEmpty();
    }

    @Test
    void everyChangeReachesTheClonesSubscribersAndNoOneElse() {
        Deliveries.Subscriber<CloneView> mine = deliveries.subscribe(new FindCloneQuery(CLONE), CloneView.class);
        Deliveries.Subscriber<CloneView> other = deliveries.subscribe(new FindCloneQuery("vc_2"), CloneView.class);

        fitHalfway();

        assertThat(mine.updates()).extracting(CloneView::version).containsExactly(0L, 1L, 2L, 3L);
        assertThat(mine.updates()).last().isEqualTo(view());
        assertThat(other.updates()).isEmpty();
    }

    @Test
    void aDeletedCloneIsGoneAndItsSubscriptionsEnd() {
        fitHalfway();
        Deliveries.Subscriber<CloneView> subscriber = deliveries.subscribe(new FindCloneQuery(CLONE), CloneView.class);

        deliver(4, new VoiceCloneDeletedEvent(CLONE, USER, USER, null));

        assertThat(projection.handle(new FindCloneQuery(CLONE))).isEmpty();
        assertThat(subscriber.completed()).isTrue();
        deliver(4, new VoiceCloneDeletedEvent(CLONE, USER, USER, null));
        assertThat(projection.handle(new FindCloneQuery(CLONE)))
                .as("deleted twice is still deleted")
                .isEmpty();
    }

    @Test
    void aCloneIsFoundByItsGenerationJob() {
        fitHalfway();

        assertThat(projection.handle(new FindCloneByGenerationJobQuery(GENERATION)))
                .map(CloneView::cloneId)
                .contains(CLONE);
        assertThat(projection.handle(new FindCloneByGenerationJobQuery("gen_other")))
                .isEmpty();
    }

    @Test
    void theListShowsOnlyTheOwnersClonesNewestFirstFilteredByStatusAndSample() {
        deliveries.deliver(projection, "vc_a", 0, T0, created("vc_a", USER, List.of("vs_1", "vs_12")));
        deliveries.deliver(projection, "vc_b", 0, T0.plusSeconds(10), created("vc_b", USER, List.of("vs_2")));
        deliveries.deliver(projection, "vc_c", 0, T0.plusSeconds(20), created("vc_c", USER, List.of("vs_12")));
        deliveries.deliver(projection, "vc_bob", 0, T0.plusSeconds(30), created("vc_bob", "user_bob", List.of("vs_1")));
        deliveries.deliver(
                projection,
                "vc_b",
                1,
                T0.plusSeconds(40),
                new VoiceCloneReadyEvent("vc_b", USER, PROFILE, QUALITY, "vec_b", 1_000));

        assertThat(ids(new FindClonesQuery(USER, null, null, 10, 0))).containsExactly("vc_c", "vc_b", "vc_a");
        assertThat(projection
                        .handle(new FindClonesQuery(USER, null, null, 2, 0))
                        .totalCount())
                .isEqualTo(3);
        assertThat(ids(new FindClonesQuery(USER, null, null, 2, 2))).containsExactly("vc_a");
        assertThat(ids(new FindClonesQuery("user_bob", null, null, 10, 0))).containsExactly("vc_bob");
        assertThat(ids(new FindClonesQuery(USER, List.of(CloneStatus.READY), null, 10, 0)))
                .containsExactly("vc_b");
        assertThat(ids(new FindClonesQuery(USER, List.of(), null, 10, 0)))
                .as("no status filter")
                .hasSize(3);
        assertThat(ids(new FindClonesQuery(USER, null, "vs_1", 10, 0)))
                .as("a whole sample id, not a prefix")
                .containsExactly("vc_a");
        assertThat(ids(new FindClonesQuery(null, null, "vs_1", 10, 0)))
                .as("every owner's, for administrators")
                .containsExactly("vc_bob", "vc_a");
    }

    private List<String> ids(FindClonesQuery query) {
        return projection.handle(query).items().stream().map(CloneView::cloneId).toList();
    }

    @Test
    void aResetEmptiesTheTableForTheReplay() {
        fitHalfway();
        deliveries.reset(projection);

        assertThat(projection.handle(new FindCloneQuery(CLONE))).isEmpty();
    }
}
