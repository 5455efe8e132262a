package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.voxify.events.sample.SampleIssue;
import io.voxify.events.sample.SampleMeasurements;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.gateway.web.Envelope;
import java.util.List;

/**
 * A voice sample as the API shows it, when read or listed, and as the start of the upload and process answers.
 * Its id appears twice ({@code id}, {@code sample_id}) as clients of each shape read it; the recording's facts
 * sit at the top, not nested, as clients have always read them; components are in the order clients have always
 * seen the keys.
 *
 * @param qualityMetrics null until processing has measured the sample
 * @param validation     the verdict of processing, {@code passed} null until there is one
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SampleResponse(
        String id,
        String sampleId,
        String userId,
        String name,
        String description,
        String language,
        String transcript,
        String status,
        String format,
        double duration,
        int sampleRate,
        int channels,
        long fileSize,
        String originalFilename,
        String processingJobId,
        Double qualityScore,
        QualityMetrics qualityMetrics,
        Validation validation,
        String embeddingModel,
        String errorMessage,
        String createdAt,
        String updatedAt,
        String processedAt) {

    public static SampleResponse of(SampleView s) {
        return new SampleResponse(
                s.sampleId(),
                s.sampleId(),
                s.userId(),
                s.name(),
                s.description(),
                s.language(),
                s.transcript(),
                s.status().wireName(),
                s.audio().format(),
                s.audio().durationSeconds(),
                s.audio().sampleRate(),
                s.audio().channels(),
                s.audio().sizeBytes(),
                s.audio().originalFilename(),
                s.processingJobId(),
                s.qualityScore(),
                QualityMetrics.of(s.measurements()),
                Validation.of(s),
                s.embeddingModel(),
                s.errorMessage(),
                Envelope.iso(s.createdAt()),
                Envelope.iso(s.updatedAt()),
                Envelope.iso(s.processedAt()));
    }

    /** What processing measured (see the inference engine's SampleAnalyzer); the pitch figures are null without voiced speech. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QualityMetrics(
            double duration,
            double speechDuration,
            double silenceRatio,
            double rmsDbfs,
            double peakDbfs,
            double clippingRatio,
            double snrDb,
            Double f0MedianHz,
            Double f0P10Hz,
            Double f0P90Hz,
            double voicedRatio,
            double speakingRate,
            double spectralTilt) {

        static QualityMetrics of(SampleMeasurements m) {
            return m == null
                    ? null
                    : new QualityMetrics(
                            m.duration(),
                            m.speechDuration(),
                            m.silenceRatio(),
                            m.rmsDbfs(),
                            m.peakDbfs(),
                            m.clippingRatio(),
                            m.snrDb(),
                            m.f0MedianHz(),
                            m.f0P10Hz(),
                            m.f0P90Hz(),
                            m.voicedRatio(),
                            m.speakingRate(),
                            m.spectralTilt());
        }
    }

    /**
     * @param passed null while the sample has no verdict (uploaded or processing), else whether it was kept
     * @param issues what processing found wrong, also on a sample that passed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Validation(Boolean passed, List<Issue> issues) {
        static Validation of(SampleView s) {
            boolean finished = s.status() == SampleStatus.PROCESSED || s.status() == SampleStatus.REJECTED;
            return new Validation(
                    finished ? s.status() == SampleStatus.PROCESSED : null,
                    s.issues().stream().map(Issue::of).toList());
        }
    }

    /** A finding of processing: its code (TOO_SHORT, TOO_NOISY, ...) and why. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Issue(String code, String reason) {
        static Issue of(SampleIssue i) {
            return new Issue(i.code(), i.reason());
        }
    }
}
