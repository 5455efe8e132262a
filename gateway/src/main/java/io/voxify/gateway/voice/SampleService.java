package io.voxify.gateway.voice;

import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.DeleteVoiceSampleCommand;
import io.voxify.events.sample.FindSampleByContentQuery;
import io.voxify.events.sample.FindSampleQuery;
import io.voxify.events.sample.FindSamplesQuery;
import io.voxify.events.sample.ProcessVoiceSampleCommand;
import io.voxify.events.sample.SampleAudio;
import io.voxify.events.sample.SamplePage;
import io.voxify.events.sample.SampleProcessingRun;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.events.sample.UploadVoiceSampleCommand;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.limits.DailyQuotas;
import io.voxify.gateway.limits.LimitExceededException;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.ErrorStatuses;
import io.voxify.gateway.web.Ids;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.infrastructure.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
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
public class SampleService {
    private static final Logger log = LoggerFactory.getLogger(SampleService.class);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ViewAwaiter views;
    private final BlobStore blobs;

    public SampleService(
            CommandGateway commands,
            QueryGateway queries,
            ViewAwaiter views,
            BlobStore blobs,
            PlatformSettings settings,
            DailyQuotas quotas) {
        this.settings = settings;
        this.quotas = quotas;
        this.commands = commands;
        this.queries = queries;
        this.views = views;
        this.blobs = blobs;
    }

    private final PlatformSettings settings;
    private final DailyQuotas quotas;

    /**
     * An upload as the multipart request holds it: beyond a few kilobytes the file is in a temporary file,
     * and every pass over it (inspection, hash, storage) reads it again as a stream.
     */
    public record Upload(
            String name,
            String description,
            String language,
            String transcript,
            String filename,
            long size,
            Content content) {}

    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /**
     * An accepted upload: the sample as recorded, and whether its processing started with it. When the day's
     * processing quota was used up it did not: {@code processingRefusal} is that quota's refusal
     * ({@code QUOTA_EXCEEDED} details), and the sample waits as {@code uploaded} for {@code POST .../process}.
     */
    public record Uploaded(SampleView sample, boolean processingStarted, DomainException processingRefusal) {}

    /**
     * Inspects the upload, stores it, then records it (the command side claims its content in the same
     * transaction, refusing a recording the user already has), its processing requested in the same command. The blob is written first; if recording fails it is removed
     * again. The day's upload quota is charged before inspection, so a refused file costs its sender an
     * upload too; the use is given back only when the server failed (the upload could not be read or stored,
     * or recording it failed). The processing quota is charged once the file is accepted (a refused file is
     * never processed, so it costs no processing); an upload accepted with that quota used up is still kept,
     * unprocessed.
     */
    public Uploaded upload(AuthenticatedUser user, Upload upload) {
        PlatformConfig config = settings.config();
        if (upload.size() > config.maxUploadBytes()) {
            throw new DomainException(
                    ErrorCode.FILE_TOO_LARGE,
                    "The upload is larger than " + config.maxUploadBytes() + " bytes",
                    Map.of("max_bytes", config.maxUploadBytes(), "size_bytes", upload.size()));
        }
        DailyQuotas.Use use = quotas.consume(user.userId(), DailyQuotas.UPLOADS, config.uploadsPerDay());
        AudioUploadInspector.Inspected inspected;
        String sha;
        try {
            try (InputStream in = upload.content().open()) {
                inspected = AudioUploadInspector.inspect(in, upload.size());
            }
            try (InputStream in = upload.content().open()) {
                sha = sha256(in);
            }
        } catch (IOException e) {
            use.giveBack();
            log.warn("An upload could not be read back from its temporary file", e);
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The upload could not be read; try again");
        }
        // Spares storing a recording the user already has; the claim made with the upload command decides.
        Optional<String> held = queries.query(
                        new FindSampleByContentQuery(user.userId(), sha),
                        ResponseTypes.optionalInstanceOf(String.class))
                .join();
        held.ifPresent(existing -> {
            throw new DomainException(
                    ErrorCode.DUPLICATE_SAMPLE,
                    "You already uploaded this recording as sample " + existing,
                    Map.of("existing_sample_id", existing));
        });
        String sampleId = Ids.newId("vs");
        String blobKey = "samples/" + user.userId() + "/" + sampleId + "." + inspected.format();
        SampleAudio audio = new SampleAudio(
                blobKey,
                sha,
                inspected.format(),
                upload.size(),
                inspected.durationSeconds(),
                inspected.sampleRate(),
                inspected.channels(),
                upload.filename());
        try (InputStream in = upload.content().open()) {
            blobs.put(blobKey, in, upload.size(), contentType(inspected.format()));
        } catch (IOException e) {
            use.giveBack();
            log.warn("Sample {} could not be stored", sampleId, e);
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The recording could not be stored; try again");
        }
        DailyQuotas.Use processingUse = null;
        DomainException processingRefusal = null;
        try {
            processingUse =
                    quotas.consume(user.userId(), DailyQuotas.SAMPLE_PROCESSINGS, config.sampleProcessingsPerDay());
        } catch (LimitExceededException quotaUsedUp) {
            processingRefusal = quotaUsedUp;
        }
        String processingJobId = processingUse == null ? null : Ids.newId("proc");
        try {
            commands.sendAndWait(new UploadVoiceSampleCommand(
                    sampleId,
                    user.userId(),
                    upload.name(),
                    upload.description(),
                    upload.language(),
                    upload.transcript(),
                    audio,
                    processingJobId));
        } catch (DomainException refused) {
            deleteQuietly(blobKey);
            giveBack(processingUse);
            if (ErrorStatuses.of(refused.code()) >= 500) {
                use.giveBack();
            }
            throw refused;
        } catch (RuntimeException e) {
            use.giveBack();
            giveBack(processingUse);
            deleteQuietly(blobKey);
            throw e;
        }
        SampleView view = awaitView(
                sampleId, v -> processingJobId == null || Objects.equals(v.processingJobId(), processingJobId));
        return new Uploaded(view, processingJobId != null, processingRefusal);
    }

    private static void giveBack(DailyQuotas.Use use) {
        if (use != null) {
            use.giveBack();
        }
    }

    public SampleView find(AuthenticatedUser user, String sampleId) {
        return lookup(sampleId).filter(s -> user.mayAccess(s.userId())).orElseThrow(() -> notFound(sampleId));
    }

    /** The sample a valid signed link names, whoever owns it (the link was issued to someone who may hear it). */
    public SampleView findLinked(String sampleId) {
        return lookup(sampleId).orElseThrow(() -> notFound(sampleId));
    }

    private Optional<SampleView> lookup(String sampleId) {
        return queries.query(new FindSampleQuery(sampleId), ResponseTypes.optionalInstanceOf(SampleView.class))
                .join();
    }

    public SamplePage list(AuthenticatedUser user, List<SampleStatus> statuses, int limit, int offset) {
        return queries.query(new FindSamplesQuery(user.userId(), statuses, null, limit, offset), SamplePage.class)
                .join();
    }

    /** The answer to a processing request: the sample as it is now, and whether this request started its run. */
    public record Processing(SampleView sample, boolean started) {}

    /**
     * Starts a processing run where the sample has none to show: uploaded, or its last run failed; or, with
     * {@code force}, processed or rejected. A sample being processed, or (without force) one with a verdict,
     * keeps its run and is answered as it is, costing no quota. A run the sample refuses gives its use back.
     */
    public Processing process(AuthenticatedUser user, String sampleId, boolean force) {
        SampleView current = find(user, sampleId);
        if (keepsItsRun(current, force)) {
            return new Processing(current, false);
        }
        String processingJobId = Ids.newId("proc");
        DailyQuotas.Use use = quotas.consume(
                user.userId(), DailyQuotas.SAMPLE_PROCESSINGS, settings.config().sampleProcessingsPerDay());
        SampleProcessingRun run;
        try {
            run = commands.sendAndWait(new ProcessVoiceSampleCommand(sampleId, processingJobId, user.userId(), force));
        } catch (RuntimeException notStarted) {
            use.giveBack();
            throw notStarted;
        }
        if (!run.started()) {
            // The read model was behind: the sample had a run (the upload's own, say) by the time the command came.
            use.giveBack();
        }
        String inForce = run.processingJobId();
        return new Processing(awaitView(sampleId, v -> Objects.equals(v.processingJobId(), inForce)), run.started());
    }

    private static boolean keepsItsRun(SampleView sample, boolean force) {
        return switch (sample.status()) {
            case PROCESSING -> true;
            case PROCESSED, REJECTED -> !force;
            case UPLOADED -> false;
        };
    }

    public void delete(AuthenticatedUser user, String sampleId) {
        SampleView sample = find(user, sampleId);
        commands.sendAndWait(new DeleteVoiceSampleCommand(sampleId, user.userId()));
        views.awaitGone(new FindSampleQuery(sampleId), SampleView.class, VIEW_WAIT);
        deleteQuietly(sample.audio().blobKey());
    }

    private void deleteQuietly(String blobKey) {
        try {
            blobs.delete(blobKey);
        } catch (IOException e) {
            log.warn("Blob {} is left for the cleanup to remove", blobKey, e);
        }
    }

    private SampleView awaitView(String sampleId, Predicate<SampleView> ready) {
        return views.await(new FindSampleQuery(sampleId), SampleView.class, ready, VIEW_WAIT)
                .or(() -> queries.query(
                                new FindSampleQuery(sampleId), ResponseTypes.optionalInstanceOf(SampleView.class))
                        .join())
                .orElseThrow(() -> notFound(sampleId));
    }

    static String contentType(String format) {
        return switch (format) {
            case "mp3" -> "audio/mpeg";
            case "flac" -> "audio/flac";
            default -> "audio/wav";
        };
    }

    static DomainException notFound(String sampleId) {
        return new DomainException(ErrorCode.SAMPLE_NOT_FOUND, "Sample " + sampleId + " was not found");
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
