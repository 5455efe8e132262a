package io.voxify.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.catalogue.PresetEmbeddings;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.FindSampleQuery;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.SampleIssue;
import io.voxify.events.sample.SampleMeasurements;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.infrastructure.vector.VectorIndex;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

/**
 * The sample and similar-voice records that replaced hand-built maps write the same keys in the same order,
 * nulls included, and leave out only the keys the maps left out: the expected texts are what the maps wrote for
 * the same views.
 */
class SampleAnswersTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final String TIMES = "\"created_at\":\"2026-01-02T03:04:05.678Z\","
            + "\"updated_at\":\"2026-01-02T03:04:05.678Z\",\"processed_at\":";

    private static final String PROCESSED = "{\"id\":\"vs_1\",\"sample_id\":\"vs_1\",\"user_id\":\"user_1\","
            + "\"name\":\"reading\",\"description\":\"d\",\"language\":\"en-US\",\"transcript\":\"hello\","
            + "\"status\":\"processed\",\"format\":\"wav\",\"duration\":4.0,\"sample_rate\":22050,\"channels\":1,"
            + "\"file_size\":123456,\"original_filename\":\"a.wav\",\"processing_job_id\":\"job_p1\","
            + "\"quality_score\":0.85,\"quality_metrics\":{\"duration\":4.0,\"speech_duration\":3.5,"
            + "\"silence_ratio\":0.125,\"rms_dbfs\":-20.5,\"peak_dbfs\":-1.0,\"clipping_ratio\":0.0,\"snr_db\":30.25,"
            + "\"f0_median_hz\":120.0,\"f0_p10_hz\":100.5,\"f0_p90_hz\":null,\"voiced_ratio\":0.75,"
            + "\"speaking_rate\":3.5,\"spectral_tilt\":-6.0},"
            + "\"validation\":{\"passed\":true,\"issues\":[{\"code\":\"TOO_QUIET\",\"reason\":\"quiet\"}]},"
            + "\"embedding_model\":\"ecapa\",\"error_message\":null," + TIMES + "\"2026-01-02T03:04:05.678Z\"";

    private static final String UPLOADED = "{\"id\":\"vs_2\",\"sample_id\":\"vs_2\",\"user_id\":\"user_1\","
            + "\"name\":\"n\",\"description\":null,\"language\":\"en-US\",\"transcript\":null,\"status\":\"uploaded\","
            + "\"format\":\"mp3\",\"duration\":2.5,\"sample_rate\":44100,\"channels\":2,\"file_size\":10,"
            + "\"original_filename\":null,\"processing_job_id\":null,\"quality_score\":null,\"quality_metrics\":null,"
            + "\"validation\":{\"passed\":null,\"issues\":[]},\"embedding_model\":null,\"error_message\":null,"
            + TIMES + "null";

    private final ObjectMapper json = new ObjectMapper();

    static SampleView processed() {
        return new SampleView(
                "vs_1",
                3,
                "user_1",
                "reading",
                "d",
                "en-US",
                "hello",
                SampleStatus.PROCESSED,
                new SampleAudio("k", "sha", "wav", 123456L, 4.0, 22050, 1, "a.wav"),
                "job_p1",
                new SampleMeasurements(4.0, 3.5, 0.125, -20.5, -1.0, 0.0, 30.25, 120.0, 100.5, null, 0.75, 3.5, -6.0),
                List.of(new SampleIssue("TOO_QUIET", "quiet")),
                0.85,
                "vec_1",
                "ecapa",
                null,
                AT,
                AT,
                AT);
    }

    static SampleView uploaded() {
        return new SampleView(
                "vs_2",
                1,
                "user_1",
                "n",
                null,
                "en-US",
                null,
                SampleStatus.UPLOADED,
                new SampleAudio("k", "sha", "mp3", 10L, 2.5, 44100, 2, null),
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                AT,
                AT,
                null);
    }

    @Test
    void aProcessedSampleWritesItsKeysInTheOrderTheMapHad() throws Exception {
        assertThat(json.writeValueAsString(SampleResponse.of(processed()))).isEqualTo(PROCESSED + "}");
    }

    @Test
    void anUploadedSampleWritesNullsWhereTheMapHadThem() throws Exception {
        assertThat(json.writeValueAsString(SampleResponse.of(uploaded()))).isEqualTo(UPLOADED + "}");
    }

    @Test
    void aRejectedSampleFailsItsValidationWithEveryIssueInOrder() throws Exception {
        SampleView rejected = new SampleView(
                "vs_3",
                2,
                "user_1",
                "n",
                null,
                "fr",
                null,
                SampleStatus.REJECTED,
                new SampleAudio("k", "sha", "flac", 10L, 1.0, 16000, 1, "b.flac"),
                "job_p3",
                new SampleMeasurements(1.0, 0.0, 1.0, -60.0, -50.0, 0.0, 0.0, null, null, null, 0.0, 0.0, 0.0),
                List.of(new SampleIssue("NO_SPEECH", "no speech"), new SampleIssue("TOO_SHORT", "short")),
                0.1,
                null,
                null,
                "Rejected: no speech",
                AT,
                AT,
                AT);
        assertThat(json.writeValueAsString(SampleResponse.of(rejected)))
                .isEqualTo("{\"id\":\"vs_3\",\"sample_id\":\"vs_3\",\"user_id\":\"user_1\",\"name\":\"n\","
                        + "\"description\":null,\"language\":\"fr\",\"transcript\":null,\"status\":\"rejected\","
                        + "\"format\":\"flac\",\"duration\":1.0,\"sample_rate\":16000,\"channels\":1,\"file_size\":10,"
                        + "\"original_filename\":\"b.flac\",\"processing_job_id\":\"job_p3\",\"quality_score\":0.1,"
                        + "\"quality_metrics\":{\"duration\":1.0,\"speech_duration\":0.0,\"silence_ratio\":1.0,"
                        + "\"rms_dbfs\":-60.0,\"peak_dbfs\":-50.0,\"clipping_ratio\":0.0,\"snr_db\":0.0,"
                        + "\"f0_median_hz\":null,\"f0_p10_hz\":null,\"f0_p90_hz\":null,\"voiced_ratio\":0.0,"
                        + "\"speaking_rate\":0.0,\"spectral_tilt\":0.0},\"validation\":{\"passed\":false,"
                        + "\"issues\":[{\"code\":\"NO_SPEECH\",\"reason\":\"no speech\"},"
                        + "{\"code\":\"TOO_SHORT\",\"reason\":\"short\"}]},\"embedding_model\":null,"
                        + "\"error_message\":\"Rejected: no speech\"," + TIMES + "\"2026-01-02T03:04:05.678Z\"}");
    }

    @Test
    void anUploadAnswerIsTheSampleThenItsProcessingWithoutAnErrorKeyWhenItStarted() throws Exception {
        assertThat(json.writeValueAsString(
                        SampleUploadResponse.of(new SampleService.Uploaded(processed(), true, null))))
                .isEqualTo(PROCESSED + ",\"processing\":{\"started\":true,\"processing_job_id\":\"job_p1\","
                        + "\"status_url\":\"/api/v1/voice/samples/vs_1\"}}");
    }

    @Test
    void anUploadPastTheQuotaCarriesTheRefusalAsAnErrorEnvelopeWritesIt() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("quota", "sample_processings_per_day");
        details.put("resets_in_seconds", 3600);
        String notStarted =
                ",\"processing\":{\"started\":false,\"processing_job_id\":null,\"status_url\":\"/api/v1/voice/samples/vs_2\","
                        + "\"error\":{\"code\":\"QUOTA_EXCEEDED\",\"message\":\"Daily quota used\",\"details\":";
        assertThat(json.writeValueAsString(SampleUploadResponse.of(new SampleService.Uploaded(
                        uploaded(),
                        false,
                        new DomainException(ErrorCode.QUOTA_EXCEEDED, "Daily quota used", details)))))
                .isEqualTo(UPLOADED + notStarted
                        + "{\"quota\":\"sample_processings_per_day\",\"resets_in_seconds\":3600}}}}");
        assertThat(json.writeValueAsString(SampleUploadResponse.of(new SampleService.Uploaded(
                        uploaded(), false, new DomainException(ErrorCode.QUOTA_EXCEEDED, "Daily quota used")))))
                .as("a refusal without details still writes its details key")
                .isEqualTo(UPLOADED + notStarted + "null}}}");
    }

    @Test
    void aProcessAnswerIsTheSampleThenItsRunTwiceNullJobIdIncluded() throws Exception {
        assertThat(json.writeValueAsString(
                        SampleProcessResponse.of("vs_1", new SampleService.Processing(processed(), true))))
                .isEqualTo(PROCESSED + ",\"job_id\":\"job_p1\",\"status_url\":\"/api/v1/voice/samples/vs_1\","
                        + "\"processing\":{\"started\":true,\"processing_job_id\":\"job_p1\","
                        + "\"status_url\":\"/api/v1/voice/samples/vs_1\"}}");
        assertThat(json.writeValueAsString(
                        SampleProcessResponse.of("vs_2", new SampleService.Processing(uploaded(), false))))
                .isEqualTo(UPLOADED + ",\"job_id\":null,\"status_url\":\"/api/v1/voice/samples/vs_2\","
                        + "\"processing\":{\"started\":false,\"processing_job_id\":null,"
                        + "\"status_url\":\"/api/v1/voice/samples/vs_2\"}}");
    }

    @Test
    void similarVoicesNameAVoiceModelOrASampleNeverBothAndSkipWhatIsGone() throws Exception {
        SampleService samples = mock(SampleService.class);
        VectorIndex vectors = mock(VectorIndex.class);
        QueryGateway queries = mock(QueryGateway.class);
        when(samples.find(any(), anyString())).thenReturn(processed());
        when(vectors.get("vec_1"))
                .thenReturn(Optional.of(
                        new VectorIndex.VectorEntry("vec_1", "sample", "user_1", "ecapa", new float[] {1f})));
        when(vectors.nearest(any(), any(), any(), any(), any(), anyInt()))
                .thenReturn(List.of(
                        match("preset_en_us_male_001", "preset", 0.912345678),
                        match("preset_gone", "preset", 0.9),
                        match("vc_1", "clone", 0.5),
                        match("vs_9", "sample", 0.25),
                        match("vs_gone", "sample", 0.1),
                        match("vs_8", "sample", 1.0)));
        CloneView clone = new CloneView(
                "vc_1",
                1,
                "user_1",
                "My clone",
                null,
                "en-GB",
                List.of(),
                CloneStatus.READY,
                null,
                null,
                null,
                null,
                AT,
                AT,
                AT,
                null,
                null);
        Map<String, SampleView> others = Map.of(
                "vs_9", bare("vs_9", "other reading", "fr"),
                "vs_8", bare("vs_8", null, null));
        when(queries.query(any(), any(ResponseType.class)))
                .thenAnswer(call -> CompletableFuture.completedFuture(
                        call.getArgument(0) instanceof FindCloneQuery q
                                ? Optional.of(clone).filter(c -> c.cloneId().equals(q.cloneId()))
                                : Optional.ofNullable(others.get(((FindSampleQuery) call.getArgument(0)).sampleId()))));

        var similar =
                new SimilarVoices(samples, vectors, queries, mock(PresetEmbeddings.class)).nearTo(null, "vs_1", 10);

        assertThat(json.writeValueAsString(similar))
                .isEqualTo("[{\"id\":\"preset_en_us_male_001\",\"type\":\"preset\",\"similarity\":0.9123,"
                        + "\"name\":\"Richard\",\"voice_model_id\":\"preset_en_us_male_001\",\"language\":\"en-US\"},"
                        + "{\"id\":\"vc_1\",\"type\":\"clone\",\"similarity\":0.5,\"name\":\"My clone\","
                        + "\"voice_model_id\":\"vc_1\",\"language\":\"en-GB\"},"
                        + "{\"id\":\"vs_9\",\"type\":\"sample\",\"similarity\":0.25,\"name\":\"other reading\","
                        + "\"sample_id\":\"vs_9\",\"language\":\"fr\"},"
                        + "{\"id\":\"vs_8\",\"type\":\"sample\",\"similarity\":1.0,\"name\":null,\"sample_id\":\"vs_8\","
                        + "\"language\":null}]");
    }

    private static VectorIndex.VectorMatch match(String id, String kind, double similarity) {
        return new VectorIndex.VectorMatch(new VectorIndex.VectorEntry(id, kind, null, "ecapa", null), similarity);
    }

    private static SampleView bare(String id, String name, String language) {
        return new SampleView(
                id,
                1,
                "user_1",
                name,
                null,
                language,
                null,
                SampleStatus.PROCESSED,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                AT,
                AT,
                AT);
    }
}
