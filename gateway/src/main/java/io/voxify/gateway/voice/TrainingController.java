package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import io.voxify.gateway.web.RequestFields;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.gateway.web.sse.ViewStreams;
import io.voxify.inference.voice.ProfileTrainer;
import io.voxify.saga.training.TrainingCalibration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Training refines a ready clone's profile against one of its owner's processed samples:
 * `clone_id` names the clone, or the newest ready clone built from the sample is used. The
 * estimated duration is epochs × batch size × the measured time of one epoch item: the mean
 * over past training here, or before any, one calibration epoch run on this machine.
 */
@Tag(name = "Voice training")
@RestController
public class TrainingController {
    private static final ViewStreams.Shape<TrainingView> PROGRESS = new ViewStreams.Shape<>(TrainingView.class,
            TrainingView::version, TrainingController::progress, t -> t.status().isFinal(),
            t -> t.status() == TrainingStatus.COMPLETED ? Map.of("event", "complete")
                    : Map.of("event", t.status().wireName(), "status", t.status().wireName()));

    private final SampleService samples;
    private final CloneService clones;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ViewAwaiter views;
    private final ViewStreams streams;
    private final TrainingCalibration calibration;
    private final PlatformSettings platform;
    private final DailyQuotas quotas;

    public TrainingController(SampleService samples, CloneService clones, CommandGateway commands,
                              QueryGateway queries, ViewAwaiter views, ViewStreams streams,
                              TrainingCalibration calibration, PlatformSettings platform, DailyQuotas quotas) {
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

    @ApiResponse(responseCode = "202", description = "Accepted: the work runs in the background")
    @ApiErrors({ErrorCode.SAMPLE_NOT_FOUND, ErrorCode.SAMPLE_NOT_PROCESSED, ErrorCode.CLONE_NOT_FOUND,
            ErrorCode.CLONE_NOT_READY, ErrorCode.QUOTA_EXCEEDED, ErrorCode.SERVICE_UNAVAILABLE})
    @PostMapping("/api/v1/voice/samples/{sampleId}/train")
    ResponseEntity<Map<String, Object>> train(@AuthenticationPrincipal Jwt jwt, @PathVariable String sampleId,
                                              @RequestBody(required = false) JsonNode body) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        RequestFields f = RequestFields.of(body == null || body.isNull() ? com.fasterxml.jackson.databind.node
                .JsonNodeFactory.instance.objectNode() : body);
        String cloneId = f.text("clone_id", 64);
        int epochs = 20;
        double learningRate = 0.05;
        int batchSize = 2;
        boolean alignment = false;
        if (f.has("config")) {
            if (!f.node("config").isObject()) {
                f.error("config", "must be an object");
            } else {
                RequestFields c = RequestFields.of(f.node("config"));
                Double e = c.number("epochs", 1, 200);
                Double lr = c.number("learning_rate", 1e-5, 1.0);
                Double bs = c.number("batch_size", 1, ProfileTrainer.SENTENCES.size());
                Boolean a = c.bool("enable_timestamp_alignment");
                if (e != null && e != Math.floor(e)) {
                    c.error("epochs", "must be a whole number");
                }
                if (bs != null && bs != Math.floor(bs)) {
                    c.error("batch_size", "must be a whole number");
                }
                try {
                    c.validate(ErrorCode.VALIDATION_ERROR);
                } catch (DomainException invalid) {
                    if (invalid.details() instanceof Map<?, ?> details) {
                        details.forEach((k, v) -> f.error("config." + k, String.valueOf(v)));
                    }
                }
                epochs = e != null ? e.intValue() : epochs;
                learningRate = lr != null ? lr : learningRate;
                batchSize = bs != null ? bs.intValue() : batchSize;
                alignment = a != null ? a : alignment;
            }
        }
        f.validate(ErrorCode.VALIDATION_ERROR);

        SampleView sample = samples.find(user, sampleId);
        if (sample.status() != SampleStatus.PROCESSED) {
            throw new DomainException(ErrorCode.SAMPLE_NOT_PROCESSED,
                    "Sample " + sampleId + " is " + sample.status().wireName() + "; train on a processed sample");
        }
        CloneView clone = cloneId != null ? clones.find(user, cloneId) : newestCloneBuiltFrom(sample);
        if (!clone.sampleIds().contains(sampleId)) {
            throw new DomainException(ErrorCode.VALIDATION_ERROR,
                    "Sample " + sampleId + " is not one of clone " + clone.cloneId() + "'s samples",
                    Map.of("clone_id", "must be a clone built from this sample"));
        }
        if (clone.status() != CloneStatus.READY) {
            throw new DomainException(ErrorCode.CLONE_NOT_READY, "Clone " + clone.cloneId() + " is "
                    + clone.status().wireName() + "; training refines a ready clone");
        }
        double msPerItem = queries.query(new AverageEpochTimeQuery(), Double.class).join();
        if (msPerItem <= 0) {
            msPerItem = calibration.millisPerEpochItem();
        }
        double estimate = epochs * batchSize * msPerItem / 1000.0;
        String trainingJobId = Ids.newId("job_train");
        TrainingSettings settings = new TrainingSettings(epochs, learningRate, batchSize, alignment);
        DailyQuotas.Use use = quotas.consume(user.userId(), DailyQuotas.TRAININGS, platform.config().trainingsPerDay());
        try {
            commands.sendAndWait(new CreateTrainingJobCommand(trainingJobId, clone.userId(), sampleId,
                    clone.cloneId(), settings, estimate));
        } catch (RuntimeException notCreated) {
            use.giveBack();
            throw notCreated;
        }
        TrainingView view = views.await(new FindTrainingJobQuery(trainingJobId), TrainingView.class, v -> true,
                Duration.ofSeconds(10)).orElseThrow(() -> new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                "The training job is not visible yet; try again in a moment"));
        Map<String, Object> data = json(view);
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("timestamp_alignment_enabled", alignment);
        data.put("features", features);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Envelope.success(data, "Voice training job created", null));
    }

    @ApiErrors({ErrorCode.JOB_NOT_FOUND})
    @GetMapping("/api/v1/voice/training/{trainingJobId}")
    ResponseEntity<Map<String, Object>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String trainingJobId) {
        return Envelope.ok(json(find(AuthenticatedUser.from(jwt), trainingJobId)));
    }

    @ApiErrors({ErrorCode.JOB_NOT_FOUND, ErrorCode.TOO_MANY_OPEN_REQUESTS})
    @GetMapping(value = "/api/v1/voice/training/{trainingJobId}/progress",
            produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.ALL_VALUE})
    SseEmitter progress(@AuthenticationPrincipal Jwt jwt, @PathVariable String trainingJobId) {
        AuthenticatedUser user = AuthenticatedUser.from(jwt);
        find(user, trainingJobId);
        return streams.open(user.userId(), new FindTrainingJobQuery(trainingJobId), PROGRESS);
    }

    private TrainingView find(AuthenticatedUser user, String trainingJobId) {
        return queries.query(new FindTrainingJobQuery(trainingJobId),
                        ResponseTypes.optionalInstanceOf(TrainingView.class)).join()
                .filter(t -> user.mayAccess(t.userId()))
                .orElseThrow(() -> new DomainException(ErrorCode.JOB_NOT_FOUND,
                        "Training job " + trainingJobId + " was not found"));
    }

    private CloneView newestCloneBuiltFrom(SampleView sample) {
        ClonePage page = queries.query(new FindClonesQuery(sample.userId(), List.of(CloneStatus.READY),
                sample.sampleId(), 1, 0), ClonePage.class).join();
        return page.items().stream().findFirst().orElseThrow(() -> new DomainException(ErrorCode.CLONE_NOT_READY,
                "No ready clone is built from sample " + sample.sampleId()
                        + "; create one first or name it with clone_id"));
    }

    static Map<String, Object> progress(TrainingView t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("training_job_id", t.trainingJobId());
        d.put("status", t.status().wireName());
        d.put("progress", t.progress());
        d.put("epoch", t.epochsDone());
        d.put("epochs", t.settings().epochs());
        d.put("loss", t.losses().isEmpty() ? null : t.losses().get(t.losses().size() - 1).loss());
        d.put("best_loss", t.bestLoss());
        if (t.errorMessage() != null) {
            d.put("error_message", t.errorMessage());
        }
        return d;
    }

    static Map<String, Object> json(TrainingView t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("training_job_id", t.trainingJobId());
        d.put("id", t.trainingJobId());
        d.put("sample_id", t.sampleId());
        d.put("clone_id", t.cloneId());
        d.put("status", t.status().wireName());
        d.put("progress", t.progress());
        d.put("estimated_duration", Math.round(t.estimatedSeconds() * 10) / 10.0);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("epochs", t.settings().epochs());
        config.put("learning_rate", t.settings().learningRate());
        config.put("batch_size", t.settings().batchSize());
        config.put("enable_timestamp_alignment", t.settings().timestampAlignment());
        d.put("config", config);
        d.put("epochs_completed", t.epochsDone());
        d.put("losses", t.losses().stream().map(l -> Map.of("epoch", l.epoch(), "loss", l.loss(),
                "elapsed_ms", l.elapsedMs())).toList());
        d.put("best_loss", t.bestLoss());
        d.put("quality_score", t.quality() == null ? null : t.quality().qualityScore());
        d.put("error_message", t.errorMessage());
        d.put("created_at", Envelope.iso(t.createdAt()));
        d.put("updated_at", Envelope.iso(t.updatedAt()));
        d.put("started_at", Envelope.iso(t.startedAt()));
        d.put("completed_at", Envelope.iso(t.completedAt()));
        return d;
    }
}
