package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.events.clone.CloneGenerationSettings;
import io.voxify.events.clone.ClonePage;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindClonesQuery;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.events.training.AverageEpochTimeQuery;
import io.voxify.events.training.CreateTrainingJobCommand;
import io.voxify.events.training.FindTrainingJobQuery;
import io.voxify.events.training.TrainingSettings;
import io.voxify.events.training.TrainingStatus;
import io.voxify.events.training.TrainingView;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.apidocs.ApiErrors;
import io.voxify.gateway.limits.DailyQuotas;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.Ids;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.gateway.web.sse.StreamEnd;
import io.voxify.gateway.web.sse.ViewStreams;
import io.voxify.worker.training.TrainingCalibration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Training a voice from one of the caller's processed samples. With {@code clone_id}, or else the newest clone
 * built from the sample (a ready one first, else one still being built, which the training waits for), that clone
 * is trained; with none, a clone is created from the sample through clone creation itself (its quota, its sample
 * reservation, its fit) and trained once it is ready. Either way the result is a voice in the caller's library.
 *
 * <p>{@code estimated_duration} is whole seconds, rounded up, from measured costs: see
 * {@link TrainingCalibration#estimateSeconds}. {@code features.voice_quality_enhancement} says at creation whether
 * the run trains the voice's quality (its pitch, formants and breath against the sample: every run of two epochs
 * or more, the first epoch only measuring); once the job has completed it is the measured outcome: whether the
 * voice's quality, measured before and after against the sample, improved measurably.
 */
@Tag(name = "Voice training")
@RestController
public class TrainingController {
    private static final ViewStreams.Shape<TrainingView> PROGRESS = new ViewStreams.Shape<>(
            TrainingView.class,
            TrainingView::version,
            TrainingProgress::of,
            t -> t.status().isFinal(),
            t -> t.status() == TrainingStatus.COMPLETED
                    ? StreamEnd.complete()
                    : StreamEnd.endedAs(t.status().wireName()));

    private final SampleService samples;
    private final CloneService clones;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ViewAwaiter views;
    private final ViewStreams streams;
    private final TrainingCalibration calibration;
    private final PlatformSettings platform;
    private final DailyQuotas quotas;

    public TrainingController(
            SampleService samples,
            CloneService clones,
            CommandGateway commands,
            QueryGateway queries,
            ViewAwaiter views,
            ViewStreams streams,
            TrainingCalibration calibration,
            PlatformSettings platform,
            DailyQuotas quotas) {
        this.calibration = calibration;
        this.platform = platform;
        this.quotas = quotas;
        this.samples = samples;
        this.clones = clones;
        this.commands = commands;
        this.queries = queries;
        this.views = views;
        this.streams = streams;
    }

    @Operation(
            summary = "Train a voice from a processed sample",
            description =
                    "Builds a clone from the sample when it has none (or refines clone_id, or the newest clone "
                            + "built from it) and trains it. Follow it at GET /api/v1/voice/training/{id} and its /progress stream.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = TrainingSchemas.Request.class)))
    @ApiResponse(
            responseCode = "202",
            description = "Accepted: the training runs in the background",
            content = @Content(schema = @Schema(implementation = TrainingSchemas.JobEnvelope.class)))
    @ApiErrors({
        ErrorCode.VALIDATION_ERROR,
        ErrorCode.SAMPLE_NOT_FOUND,
        ErrorCode.SAMPLE_NOT_PROCESSED,
        ErrorCode.CLONE_NOT_FOUND,
        ErrorCode.CLONE_NOT_READY,
        ErrorCode.QUOTA_EXCEEDED,
        ErrorCode.SERVICE_UNAVAILABLE
    })
    @PostMapping("/api/v1/voice/samples/{sampleId}/train")
    ResponseEntity<Envelope<TrainingJobResponse>> train(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String sampleId,
            @RequestBody(required = false) JsonNode body) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        TrainingRequest request = TrainingRequest.parse(body);
        String cloneId = request.cloneId();
        String name = request.name();
        String description = request.description();
        TrainingSettings settings = request.settings();

        SampleView sample = samples.find(user, sampleId);
        if (sample.status() != SampleStatus.PROCESSED) {
            throw new DomainException(
                    ErrorCode.SAMPLE_NOT_PROCESSED,
                    "Sample " + sampleId + " is " + sample.status().wireName() + "; train on a processed sample");
        }
        Optional<CloneView> existing =
                cloneId != null ? Optional.of(clones.find(user, cloneId)) : newestCloneBuiltFrom(sample);
        existing.ifPresent(clone -> {
            if (!clone.sampleIds().contains(sampleId)) {
                throw new DomainException(
                        ErrorCode.VALIDATION_ERROR,
                        "Sample " + sampleId + " is not one of clone " + clone.cloneId() + "'s samples",
                        Map.of("clone_id", "must be a clone built from this sample"));
            }
            if (clone.status() == CloneStatus.FAILED) {
                throw new DomainException(
                        ErrorCode.CLONE_NOT_READY,
                        "Clone " + clone.cloneId()
                                + " failed; train without clone_id to build a new one from the sample");
            }
        });
        boolean buildsClone = existing.isEmpty();
        boolean awaitsClone = existing.map(c -> c.status() != CloneStatus.READY).orElse(true);
        double pastEpochMs =
                queries.query(new AverageEpochTimeQuery(), Double.class).join();
        double speechSeconds =
                sample.measurements() == null ? 0 : sample.measurements().speechDuration();
        double estimate = calibration.estimateSeconds(
                settings,
                speechSeconds,
                sample.transcript() != null && !sample.transcript().isBlank(),
                awaitsClone,
                pastEpochMs);

        DailyQuotas.Use use = quotas.consume(
                user.userId(), DailyQuotas.TRAININGS, platform.config().trainingsPerDay());
        String trainingJobId = Ids.newId("job_train");
        CloneView clone;
        try {
            // Through clone creation itself, so the clone has its whole history, quota and sample reservation.
            clone = existing.orElseGet(() -> clones.create(
                    user,
                    new CloneRequest(
                            List.of(sampleId),
                            name != null && !name.isBlank() ? name.trim() : defaultName(sample),
                            description,
                            null,
                            CloneGenerationSettings.DEFAULT)));
            commands.sendAndWait(new CreateTrainingJobCommand(
                    trainingJobId, clone.userId(), sampleId, clone.cloneId(), settings, estimate, buildsClone, 1));
        } catch (RuntimeException notCreated) {
            use.giveBack();
            throw notCreated;
        }
        TrainingView view = views.await(
                        new FindTrainingJobQuery(trainingJobId), TrainingView.class, v -> true, Duration.ofSeconds(10))
                .orElseThrow(() -> new DomainException(
                        ErrorCode.SERVICE_UNAVAILABLE, "The training job is not visible yet; try again in a moment"));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Envelope.success(
                        TrainingJobResponse.of(view),
                        settings.timestampAlignment()
                                ? "Voice training job created with timestamp alignment support"
                                : "Voice training job created",
                        null));
    }

    private static String defaultName(SampleView sample) {
        String name = "Trained from "
                + (sample.name() == null || sample.name().isBlank() ? sample.sampleId() : sample.name());
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    @Operation(summary = "A training job: its state, each epoch's loss, and what it made of the voice")
    @ApiResponse(
            responseCode = "200",
            description = "The training job",
            content = @Content(schema = @Schema(implementation = TrainingSchemas.JobEnvelope.class)))
    @ApiErrors({ErrorCode.JOB_NOT_FOUND})
    @GetMapping("/api/v1/voice/training/{trainingJobId}")
    ResponseEntity<Envelope<TrainingJobResponse>> get(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String trainingJobId) {
        return Envelope.ok(TrainingJobResponse.of(find(AuthenticatedUser.from(jwt), trainingJobId)));
    }

    @Operation(summary = "The training job's progress as server-sent events, one per epoch, until it ends")
    @ApiErrors({ErrorCode.JOB_NOT_FOUND, ErrorCode.TOO_MANY_OPEN_REQUESTS})
    @GetMapping(
            value = "/api/v1/voice/training/{trainingJobId}/progress",
            produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.ALL_VALUE})
    SseEmitter progress(@AuthenticationPrincipal Jwt jwt, @PathVariable String trainingJobId) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        find(user, trainingJobId);
        return streams.open(user.userId(), new FindTrainingJobQuery(trainingJobId), PROGRESS);
    }

    private TrainingView find(AuthenticatedUser user, String trainingJobId) {
        return queries.query(
                        new FindTrainingJobQuery(trainingJobId), ResponseTypes.optionalInstanceOf(TrainingView.class))
                .join()
                .filter(t -> user.mayAccess(t.userId()))
                .orElseThrow(() -> new DomainException(
                        ErrorCode.JOB_NOT_FOUND, "Training job " + trainingJobId + " was not found"));
    }

    /** The newest ready clone built from the sample, else the newest one still being built. */
    private Optional<CloneView> newestCloneBuiltFrom(SampleView sample) {
        for (List<CloneStatus> statuses :
                List.of(List.of(CloneStatus.READY), List.of(CloneStatus.PENDING, CloneStatus.TRAINING))) {
            ClonePage page = queries.query(
                            new FindClonesQuery(sample.userId(), statuses, sample.sampleId(), 1, 0), ClonePage.class)
                    .join();
            if (!page.items().isEmpty()) {
                return Optional.of(page.items().get(0));
            }
        }
        return Optional.empty();
    }
}
