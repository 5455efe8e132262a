package io.voxify.gateway.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.catalogue.PresetCatalog;
import io.voxify.catalogue.VoiceBinding;
import io.voxify.catalogue.VoiceDirectory;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.job.CancelJobCommand;
import io.voxify.events.job.CreateJobCommand;
import io.voxify.events.job.DeleteJobCommand;
import io.voxify.events.job.FailJobCommand;
import io.voxify.events.job.FileView;
import io.voxify.events.job.FindFileQuery;
import io.voxify.events.job.FindJobQuery;
import io.voxify.events.job.FindJobsQuery;
import io.voxify.events.job.JobPage;
import io.voxify.events.job.JobStatus;
import io.voxify.events.job.JobView;
import io.voxify.events.job.RecordJobProgressCommand;
import io.voxify.events.job.UpdateJobCommand;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.UserView;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.limits.DailyQuotas;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Ids;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.infrastructure.storage.BlobStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

@Service
public class JobService {
    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ViewAwaiter views;
    private final VoiceDirectory voices;
    private final BlobStore blobs;
    private final PlatformSettings settings;
    private final DailyQuotas quotas;

    public JobService(
            CommandGateway commands,
            QueryGateway queries,
            ViewAwaiter views,
            VoiceDirectory voices,
            BlobStore blobs,
            PlatformSettings settings,
            DailyQuotas quotas) {
        this.commands = commands;
        this.queries = queries;
        this.views = views;
        this.voices = voices;
        this.blobs = blobs;
        this.settings = settings;
        this.quotas = quotas;
    }

    /** A new job from its request, read with the platform's limits ({@link JobRequest#parse(JsonNode, PlatformConfig)}). */
    public JobView create(AuthenticatedUser user, JobRequest request) {
        PlatformConfig config = settings.config();
        String voiceId = request.voiceModelId() != null ? request.voiceModelId() : selectedVoice(user, config);
        VoiceBinding voice = voices.resolve(voiceId, user.userId())
                .orElseThrow(() -> new DomainException(
                        ErrorCode.VOICE_MODEL_NOT_FOUND,
                        "Voice model " + voiceId + " was not found",
                        Map.of("voice_model_id", voiceId)));
        String language = request.textLanguage() != null ? request.textLanguage() : voice.language();
        String jobId = Ids.newId("job");
        DailyQuotas.Use use = quotas.consume(user.userId(), DailyQuotas.SYNTHESES, config.synthesesPerDay());
        try {
            commands.sendAndWait(new CreateJobCommand(
                    jobId,
                    user.userId(),
                    request.text(),
                    language,
                    request.textFormat(),
                    voice.voiceModelId(),
                    request.settings(),
                    request.callbackUrl()));
        } catch (RuntimeException notCreated) {
            use.giveBack();
            throw notCreated;
        }
        return awaitView(jobId, v -> true);
    }

    /** The user's chosen voice while it is still usable, else the configured default, else the built-in one. */
    private String selectedVoice(AuthenticatedUser user, PlatformConfig config) {
        return queries.query(new FindUserQuery(user.userId()), ResponseTypes.optionalInstanceOf(UserView.class))
                .join()
                .map(UserView::selectedVoiceId)
                .filter(id -> voices.resolve(id, user.userId()).isPresent())
                .or(() -> Optional.of(config.defaultVoiceId())
                        .filter(id -> voices.resolve(id, user.userId()).isPresent()))
                .orElse(PresetCatalog.DEFAULT_VOICE_ID);
    }

    public JobView find(AuthenticatedUser user, String jobId) {
        return queries.query(new FindJobQuery(jobId), ResponseTypes.optionalInstanceOf(JobView.class))
                .join()
                .filter(job -> user.mayAccess(job.userId()))
                .orElseThrow(() -> notFound(jobId));
    }

    public JobPage list(FindJobsQuery query) {
        return queries.query(query, JobPage.class).join();
    }

    /** A change to a job the caller may see ({@link #find}), its request read against it. */
    public JobView update(JobView current, JobRequest request) {
        String jobId = current.jobId();
        if (request.voiceModelId() != null && !request.voiceModelId().equals(current.voiceModelId())) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "The voice of a job cannot be changed",
                    Map.of("voice_model_id", "cannot be changed; create a new job"));
        }
        if (current.status() != JobStatus.PENDING) {
            throw new DomainException(
                    ErrorCode.JOB_NOT_UPDATABLE,
                    "Only pending jobs can be updated; this job is "
                            + current.status().wireName());
        }
        String text = request.text() != null ? request.text() : current.text();
        String language = request.textLanguage() != null ? request.textLanguage() : current.textLanguage();
        String callbackUrl = request.callbackUrlGiven() ? request.callbackUrl() : current.callbackUrl();
        commands.sendAndWait(new UpdateJobCommand(jobId, text, language, request.settings(), callbackUrl));
        return awaitView(
                jobId,
                v -> Objects.equals(v.text(), text)
                        && Objects.equals(v.settings(), request.settings())
                        && Objects.equals(v.textLanguage(), language)
                        && Objects.equals(v.callbackUrl(), callbackUrl));
    }

    /**
     * Status changes. The owner may cancel; progress, failure and other transitions are for
     * administrators (internal services act with that role). {@code current} is the job as {@link #find} gave it.
     */
    public JobView patch(AuthenticatedUser user, JobView current, JobPatchRequest request) {
        String jobId = current.jobId();
        String status = request.status();
        Double progress = request.progress();
        String errorMessage = request.errorMessage();
        String progressMessage = request.progressMessage();
        if (!user.isAdmin() && !request.isCancelOnly()) {
            throw new DomainException(
                    ErrorCode.FORBIDDEN,
                    "Only cancelling is allowed to job owners; other changes are for administrators");
        }
        if (status != null) {
            JobStatus target = JobStatus.fromWire(status);
            switch (target) {
                case CANCELLED -> commands.sendAndWait(new CancelJobCommand(jobId, user.userId()));
                case FAILED ->
                    commands.sendAndWait(new FailJobCommand(
                            jobId,
                            errorMessage != null ? errorMessage : "Marked as failed by an administrator",
                            ErrorCode.INTERNAL_ERROR.name()));
                default ->
                    throw new DomainException(
                            ErrorCode.INVALID_STATUS_TRANSITION,
                            "A job cannot be moved to " + status + " by hand",
                            Map.of("status", "allowed targets: failed, cancelled"));
            }
        }
        if (progress != null) {
            commands.sendAndWait(new RecordJobProgressCommand(
                    jobId, 0, progress, progressMessage != null ? progressMessage : "Progress updated"));
        }
        Predicate<JobView> applied = v -> (status == null || v.status() == JobStatus.fromWire(status))
                && (progress == null || v.progress() >= progress);
        return awaitView(jobId, applied);
    }

    public void delete(AuthenticatedUser user, String jobId) {
        JobView current = find(user, jobId);
        if (current.status() == JobStatus.PROCESSING) {
            throw new DomainException(
                    ErrorCode.JOB_NOT_DELETABLE, "A job cannot be deleted while it is processing; cancel it first");
        }
        Optional<FileView> file = queries.query(
                        new FindFileQuery(jobId), ResponseTypes.optionalInstanceOf(FileView.class))
                .join();
        commands.sendAndWait(new DeleteJobCommand(jobId, user.userId()));
        file.ifPresent(f -> {
            try {
                blobs.delete(f.blobKey());
            } catch (IOException e) {
                log.warn("Audio of deleted job {} is left for the cleanup to remove", jobId, e);
            }
        });
        views.awaitGone(new FindJobQuery(jobId), JobView.class, VIEW_WAIT);
    }

    private JobView awaitView(String jobId, Predicate<JobView> ready) {
        return views.await(new FindJobQuery(jobId), JobView.class, ready, VIEW_WAIT)
                .or(() -> queries.query(new FindJobQuery(jobId), ResponseTypes.optionalInstanceOf(JobView.class))
                        .join())
                .orElseThrow(() -> notFound(jobId));
    }

    static DomainException notFound(String jobId) {
        return new DomainException(ErrorCode.JOB_NOT_FOUND, "Job " + jobId + " was not found");
    }
}
