package io.voxify.query.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.sample.FindSampleQuery;
import io.voxify.events.sample.FindSamplesQuery;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.SampleIssue;
import io.voxify.events.sample.SampleMeasurements;
import io.voxify.events.sample.SampleProcessedEvent;
import io.voxify.events.sample.SampleProcessingFailedEvent;
import io.voxify.events.sample.SampleProcessingRequestedEvent;
import io.voxify.events.sample.SampleRejectedEvent;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.events.sample.VoiceSampleDeletedEvent;
import io.voxify.events.sample.VoiceSampleUploadedEvent;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ReadModelTest
class SampleProjectionTest {
    private static final String SAMPLE = "vs_1";
    private static final String USER = "user_ann";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final SampleAudio AUDIO =
            new SampleAudio("samples/vs_1.wav", "ab12", "wav", 480_000, 15.0, 16_000, 1, "me.wav");
    private static final SampleMeasurements MEASURED =
            new SampleMeasurements(15.0, 12.5, 0.17, -20.0, -3.0, 0.0, 32.0, 118.0, 98.0, 140.0, 0.6, 3.9, -12.0);
    private static final List<SampleIssue> ISSUES = List.of(new SampleIssue("TOO_NOISY", "SNR below 15 dB"));

    @Autowired
    private SampleProjection projection;

    @Autowired
    private Deliveries deliveries;

    @AfterEach
    void unsubscribe() {
        deliveries.unsubscribeAll();
    }

    private void deliver(long sequence, Object event) {
        deliveries.deliver(projection, SAMPLE, sequence, at(sequence), event);
    }

    private static Instant at(long sequence) {
        return T0.plusSeconds(sequence);
    }

    private SampleView view() {
        return projection.handle(new FindSampleQuery(SAMPLE)).orElseThrow();
    }

    private static VoiceSampleUploadedEvent uploaded(String sampleId, String userId) {
        return new VoiceSampleUploadedEvent(
                sampleId, userId, "Reading", "A page aloud", "en-US", "It was a bright cold day.", AUDIO);
    }

    private static SampleProcessedEvent processed(String processingJobId) {
        return new SampleProcessedEvent(SAMPLE, processingJobId, MEASURED, 0.82, "vec_1", "all-minilm-l6-v2", 1_500);
    }

    @Test
    void anUploadedSampleWaitsWithItsAudioAndNoMeasurementsYet() {
        deliver(0, uploaded(SAMPLE, USER));

        SampleView view = view();
        assertThat(view.status()).isEqualTo(SampleStatus.UPLOADED);
        assertThat(view.userId()).isEqualTo(USER);
        assertThat(view.name()).isEqualTo("Reading");
        assertThat(view.description()).isEqualTo("A page aloud");
        assertThat(view.language()).isEqualTo("en-US");
        assertThat(view.transcript()).isEqualTo("It was a bright cold day.");
        assertThat(view.audio()).isEqualTo(AUDIO);
        assertThat(view.measurements()).isNull();
        assertThat(view.issues()).isEmpty();
        assertThat(view.version()).isZero();
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.processedAt()).isNull();
    }

    @Test
    void aProcessedSampleHasItsMeasurementsScoreAndEmbedding() {
        deliver(0, uploaded(SAMPLE, USER));
        deliver(1, new SampleProcessingRequestedEvent(SAMPLE, USER, "proc_1", AUDIO));
        assertThat(view().status()).isEqualTo(SampleStatus.PROCESSING);
        assertThat(view().processingJobId()).isEqualTo("proc_1");

        deliver(2, processed("proc_1"));

        SampleView view = view();
        assertThat(view.status()).isEqualTo(SampleStatus.PROCESSED);
        assertThat(view.measurements()).isEqualTo(MEASURED);
        assertThat(view.issues()).isEmpty();
        assertThat(view.qualityScore()).isEqualTo(0.82);
        assertThat(view.vectorId()).isEqualTo("vec_1");
        assertThat(view.embeddingModel()).isEqualTo("all-minilm-l6-v2");
        assertThat(view.processedAt()).isEqualTo(at(2));
        assertThat(view.version()).isEqualTo(2);
    }

    @Test
    void aRejectedSampleListsItsIssuesAndLosesAnEarlierEmbedding() {
        deliver(0, uploaded(SAMPLE, USER));
        deliver(1, new SampleProcessingRequestedEvent(SAMPLE, USER, "proc_1", AUDIO));
        deliver(2, processed("proc_1"));
        deliver(3, new SampleProcessingRequestedEvent(SAMPLE, USER, "proc_2", AUDIO));
        deliver(4, new SampleRejectedEvent(SAMPLE, "proc_2", MEASURED, ISSUES, 0.31, 1_200));

        SampleView view = view();
        assertThat(view.status()).isEqualTo(SampleStatus.REJECTED);
        assertThat(view.issues()).isEqualTo(ISSUES);
        assertThat(view.qualityScore()).isEqualTo(0.31);
        assertThat(view.vectorId()).isNull();
        assertThat(view.embeddingModel()).isNull();
        assertThat(view.processedAt()).isEqualTo(at(4));
    }

    @Test
    void aFailedRunGoesBackToWhatTheSampleWasAndSaysWhy() {
        deliver(0, uploaded(SAMPLE, USER));
        deliver(1, new SampleProcessingRequestedEvent(SAMPLE, USER, "proc_1", AUDIO));
        deliver(2, new SampleProcessingFailedEvent(SAMPLE, "proc_1", "Worker lost", "SERVICE_UNAVAILABLE"));
        assertThat(view().status()).as("never processed").isEqualTo(SampleStatus.UPLOADED);
        assertThat(view().errorMessage()).isEqualTo("Worker lost");

        deliver(3, new SampleProcessingRequestedEvent(SAMPLE, USER, "proc_2", AUDIO));
        assertThat(view().errorMessage()).as("a new run starts clean").isNull();
        deliver(4, processed("proc_2"));
        deliver(5, new SampleProcessingRequestedEvent(SAMPLE, USER, "proc_3", AUDIO));
        deliver(6, new SampleProcessingFailedEvent(SAMPLE, "proc_3", "Worker lost", "SERVICE_UNAVAILABLE"));
        assertThat(view().status())
                .as("processed before, and its embedding kept")
                .isEqualTo(SampleStatus.PROCESSED);
        assertThat(view().vectorId()).isEqualTo("vec_1");
    }

    @Test
    void eventsHandledAgainChangeNothingAndTellNoOne() {
        deliver(0, uploaded(SAMPLE, USER));
        deliver(1, new SampleProcessingRequestedEvent(SAMPLE, USER, "proc_1", AUDIO));
        deliver(2, processed("proc_1"));
        SampleView before = view();
        Deliveries.Subscriber<SampleView> subscriber =
                deliveries.subscribe(new FindSampleQuery(SAMPLE), SampleView.class);

        deliver(1, new SampleProcessingRequestedEvent(SAMPLE, USER, "proc_1", AUDIO));
        deliver(0, uploaded(SAMPLE, "user_bob"));
        deliver(2, new SampleProcessingFailedEvent(SAMPLE, "proc_1", "late", "SERVICE_UNAVAILABLE"));

        assertThat(view()).isEqualTo(before);
        assertThat(subscriber.updates()).isEmpty();
    }

    @Test
    void everyChangeReachesTheSamplesSubscribersAndNoOneElse() {
        Deliveries.Subscriber<SampleView> mine = deliveries.subscribe(new FindSampleQuery(SAMPLE), SampleView.class);
        Deliveries.Subscriber<SampleView> other = deliveries.subscribe(new FindSampleQuery("vs_2"), SampleView.class);

        deliver(0, uploaded(SAMPLE, USER));
        deliver(1, new SampleProcessingRequestedEvent(SAMPLE, USER, "proc_1", AUDIO));
        deliver(2, processed("proc_1"));

        assertThat(mine.updates())
                .extracting(SampleView::status)
                .containsExactly(SampleStatus.UPLOADED, SampleStatus.PROCESSING, SampleStatus.PROCESSED);
        assertThat(mine.updates()).last().isEqualTo(view());
        assertThat(other.updates()).isEmpty();
    }

    @Test
    void aDeletedSampleIsGoneAndItsSubscriptionsEnd() {
        deliver(0, uploaded(SAMPLE, USER));
        Deliveries.Subscriber<SampleView> subscriber =
                deliveries.subscribe(new FindSampleQuery(SAMPLE), SampleView.class);

        deliver(1, new VoiceSampleDeletedEvent(SAMPLE, USER, USER, AUDIO, null));

        assertThat(projection.handle(new FindSampleQuery(SAMPLE))).isEmpty();
        assertThat(subscriber.completed()).isTrue();
        deliver(2, new SampleProcessingRequestedEvent(SAMPLE, USER, "proc_1", AUDIO));
        assertThat(projection.handle(new FindSampleQuery(SAMPLE)))
                .as("no row comes back")
                .isEmpty();
    }

    @Test
    void theListShowsOnlyTheOwnersSamplesNewestFirstFilteredByStatusAndId() {
        deliveries.deliver(projection, "vs_a", 0, T0, uploaded("vs_a", USER));
        deliveries.deliver(projection, "vs_b", 0, T0.plusSeconds(10), uploaded("vs_b", USER));
        deliveries.deliver(projection, "vs_c", 0, T0.plusSeconds(20), uploaded("vs_c", USER));
        deliveries.deliver(projection, "vs_bob", 0, T0.plusSeconds(30), uploaded("vs_bob", "user_bob"));
        deliveries.deliver(
                projection,
                "vs_b",
                1,
                T0.plusSeconds(40),
                new SampleProcessingRequestedEvent("vs_b", USER, "proc_b", AUDIO));

        assertThat(ids(new FindSamplesQuery(USER, null, null, 10, 0))).containsExactly("vs_c", "vs_b", "vs_a");
        assertThat(projection.handle(new FindSamplesQuery(USER, null, null, 1, 1)))
                .satisfies(page -> {
                    assertThat(page.totalCount()).isEqualTo(3);
                    assertThat(page.items()).extracting(SampleView::sampleId).containsExactly("vs_b");
                });
        assertThat(ids(new FindSamplesQuery("user_bob", null, null, 10, 0))).containsExactly("vs_bob");
        assertThat(ids(new FindSamplesQuery(USER, List.of(SampleStatus.UPLOADED), null, 10, 0)))
                .containsExactly("vs_c", "vs_a");
        assertThat(ids(new FindSamplesQuery(USER, null, List.of("vs_a", "vs_bob"), 10, 0)))
                .as("another user's sample is not found by its id")
                .containsExactly("vs_a");
        assertThat(ids(new FindSamplesQuery(USER, null, List.of(), 10, 0)))
                .as("no ids, no samples")
                .isEmpty();
        assertThat(ids(new FindSamplesQuery(null, null, null, 10, 0)))
                .as("every owner's, for administrators")
                .containsExactly("vs_bob", "vs_c", "vs_b", "vs_a");
    }

    private List<String> ids(FindSamplesQuery query) {
        return projection.handle(query).items().stream()
                .map(SampleView::sampleId)
                .toList();
    }

    @Test
    void aResetEmptiesTheTableForTheReplay() {
        deliver(0, uploaded(SAMPLE, USER));
        deliveries.reset(projection);

        assertThat(projection.handle(new FindSampleQuery(SAMPLE))).isEmpty();
    }
}
