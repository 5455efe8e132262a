package io.voxify.gateway.voice;

import io.voxify.catalogue.VoiceBinding;
import io.voxify.catalogue.VoiceDirectory;
import io.voxify.events.clone.CloneGenerationSettings;
import io.voxify.events.clone.ClonePage;
import io.voxify.events.clone.CloneStatus;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.CreateVoiceCloneCommand;
import io.voxify.events.clone.DeleteVoiceCloneCommand;
import io.voxify.events.clone.FindCloneByGenerationJobQuery;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.events.clone.FindClonesQuery;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.FindSamplesQuery;
import io.voxify.events.sample.ReleaseSampleFromCloneCommand;
import io.voxify.events.sample.ReserveSampleForCloneCommand;
import io.voxify.events.sample.SamplePage;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.events.user.FindUserQuery;
import io.voxify.events.user.SelectVoiceCommand;
import io.voxify.events.user.UserView;
import io.voxify.gateway.admin.PlatformSettings;
import io.voxify.gateway.limits.DailyQuotas;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.gateway.web.Ids;
import io.voxify.gateway.web.ViewAwaiter;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.worker.clone.CloneWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

@Service
public class CloneService {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(10);
    public static final int MAX_SAMPLES = 20;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ViewAwaiter views;
    private final VoiceDirectory voices;
    private final SpeechSynthesizer synthesizer;
    private final PlatformSettings settings;
    private final DailyQuotas quotas;

    public CloneService(
            CommandGateway commands,
            QueryGateway queries,
            ViewAwaiter views,
            VoiceDirectory voices,
            SpeechSynthesizer synthesizer,
            PlatformSettings settings,
            DailyQuotas quotas) {
        this.synthesizer = synthesizer;
        this.settings = settings;
        this.quotas = quotas;
        this.commands = commands;
        this.queries = queries;
        this.views = views;
        this.voices = voices;
    }

    /**
     * The samples must be the caller's own and processed; every bad id is named. A named base voice must be a
     * preset or neural voice installed here, in the clone's language. A clone counts against the daily quota
     * once it is created; one that a sample or the clone refuses gives its use back.
     */
    public CloneView create(AuthenticatedUser user, CloneRequest request) {
        List<String> unique = request.sampleIds().stream().distinct().toList();
        String name = request.name();
        String description = request.description();
        String language = request.language();
        CloneGenerationSettings generation = request.generation();
        SamplePage page = queries.query(
                        new FindSamplesQuery(user.userId(), null, unique, unique.size(), 0), SamplePage.class)
                .join();
        Map<String, SampleView> found = new LinkedHashMap<>();
        page.items().forEach(s -> found.put(s.sampleId(), s));
        List<String> missing = new ArrayList<>();
        List<String> unprocessed = new ArrayList<>();
        for (String id : unique) {
            SampleView sample = found.get(id);
            if (sample == null) {
                missing.add(id);
            } else if (sample.status() != SampleStatus.PROCESSED) {
                unprocessed.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new DomainException(
                    ErrorCode.SAMPLE_NOT_FOUND,
                    "Samples not found: " + String.join(", ", missing),
                    Map.of("sample_ids", missing));
        }
        if (!unprocessed.isEmpty()) {
            throw new DomainException(
                    ErrorCode.SAMPLE_NOT_PROCESSED,
                    "Samples not processed (process them first, and only accepted ones can be used): "
                            + String.join(", ", unprocessed),
                    Map.of("sample_ids", unprocessed));
        }
        String effectiveLanguage =
                language != null ? language : found.get(unique.get(0)).language();
        checkBase(generation.baseVoiceId(), effectiveLanguage);
        String cloneId = Ids.newId("vc");
        String generationJobId = Ids.newId("job_gen");
        DailyQuotas.Use use = quotas.consume(
                user.userId(), DailyQuotas.CLONES, settings.config().clonesPerDay());
        // Each sample agrees to be used (it is processed, and stays so until the clone is done);
        // if one refuses, or the clone cannot be created, the others are let go again.
        List<String> reserved = new ArrayList<>();
        try {
            for (String sampleId : unique) {
                commands.sendAndWait(new ReserveSampleForCloneCommand(sampleId, cloneId));
                reserved.add(sampleId);
            }
            commands.sendAndWait(new CreateVoiceCloneCommand(
                    cloneId, user.userId(), unique, name, description, effectiveLanguage, generationJobId, generation));
        } catch (RuntimeException refused) {
            reserved.forEach(sampleId -> commands.send(new ReleaseSampleFromCloneCommand(sampleId, cloneId)));
            use.giveBack();
            throw refused;
        }
        return awaitView(cloneId, v -> v.generation() != null);
    }

    private void checkBase(String baseVoiceId, String cloneLanguage) {
        if (baseVoiceId == null) {
            return;
        }
        if (baseVoiceId.startsWith("vc_")) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "A clone cannot be the base of another clone",
                    Map.of("config.base_voice_id", "must be a preset or neural voice; a clone cannot be a base"));
        }
        VoiceBinding base = voices.cloneBase(baseVoiceId)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.VOICE_MODEL_NOT_FOUND,
                        "Base voice " + baseVoiceId + " was not found: name a preset or "
                                + "neural voice of the library",
                        Map.of("base_voice_id", baseVoiceId)));
        if (!primaryLanguage(base.language()).equals(primaryLanguage(cloneLanguage))) {
            throw new DomainException(
                    ErrorCode.VALIDATION_ERROR,
                    "Base voice " + baseVoiceId + " speaks " + base.language() + ", the clone " + cloneLanguage,
                    Map.of(
                            "config.base_voice_id",
                            "must speak the clone's language (" + cloneLanguage + "); " + baseVoiceId + " speaks "
                                    + base.language()));
        }
    }

    private static String primaryLanguage(String tag) {
        String t = tag == null ? "en" : tag.toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = t.indexOf('-');
        return dash < 0 ? t : t.substring(0, dash);
    }

    /** The clone a generation job builds, if the caller may see it. */
    public CloneView findByGenerationJob(AuthenticatedUser user, String generationJobId) {
        return queries.query(
                        new FindCloneByGenerationJobQuery(generationJobId),
                        ResponseTypes.optionalInstanceOf(CloneView.class))
                .join()
                .filter(c -> user.mayAccess(c.userId()))
                .orElseThrow(() -> new DomainException(
                        ErrorCode.JOB_NOT_FOUND, "Generation job " + generationJobId + " was not found"));
    }

    public CloneView find(AuthenticatedUser user, String cloneId) {
        return queries.query(new FindCloneQuery(cloneId), ResponseTypes.optionalInstanceOf(CloneView.class))
                .join()
                .filter(c -> user.mayAccess(c.userId()))
                .orElseThrow(() -> notFound(cloneId));
    }

    public ClonePage list(AuthenticatedUser user, List<CloneStatus> statuses, int limit, int offset) {
        return queries.query(new FindClonesQuery(user.userId(), statuses, null, limit, offset), ClonePage.class)
                .join();
    }

    public void delete(AuthenticatedUser user, String cloneId) {
        CloneView clone = find(user, cloneId);
        commands.sendAndWait(new DeleteVoiceCloneCommand(cloneId, user.userId()));
        views.awaitGone(new FindCloneQuery(cloneId), CloneView.class, VIEW_WAIT);
        if (clone.profile() != null) {
            synthesizer.forgetProfile(CloneWorker.voiceProfile(clone.profile()));
        }
        UserView owner = queries.query(
                        new FindUserQuery(clone.userId()), ResponseTypes.optionalInstanceOf(UserView.class))
                .join()
                .orElse(null);
        if (owner != null && cloneId.equals(owner.selectedVoiceId())) {
            commands.sendAndWait(new SelectVoiceCommand(owner.userId(), null));
        }
    }

    /** Makes a ready clone (or any voice the user may use) their active voice. */
    public UserView select(AuthenticatedUser user, String voiceModelId) {
        if (voiceModelId.startsWith("vc_")) {
            CloneView clone = find(user, voiceModelId);
            if (clone.status() != CloneStatus.READY) {
                throw new DomainException(
                        ErrorCode.CLONE_NOT_READY,
                        "Clone " + voiceModelId + " is " + clone.status().wireName()
                                + "; only ready clones can be selected");
            }
        }
        voices.resolve(voiceModelId, user.userId())
                .orElseThrow(() -> new DomainException(
                        ErrorCode.VOICE_MODEL_NOT_FOUND, "Voice model " + voiceModelId + " was not found"));
        commands.sendAndWait(new SelectVoiceCommand(user.userId(), voiceModelId));
        return views.await(
                        new FindUserQuery(user.userId()),
                        UserView.class,
                        u -> Objects.equals(u.selectedVoiceId(), voiceModelId),
                        VIEW_WAIT)
                .orElseThrow(() -> new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Try again in a moment"));
    }

    private CloneView awaitView(String cloneId, Predicate<CloneView> ready) {
        return views.await(new FindCloneQuery(cloneId), CloneView.class, ready, VIEW_WAIT)
                .or(() -> queries.query(new FindCloneQuery(cloneId), ResponseTypes.optionalInstanceOf(CloneView.class))
                        .join())
                .orElseThrow(() -> notFound(cloneId));
    }

    static DomainException notFound(String cloneId) {
        return new DomainException(ErrorCode.CLONE_NOT_FOUND, "Clone " + cloneId + " was not found");
    }
}
