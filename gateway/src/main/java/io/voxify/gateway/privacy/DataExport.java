package io.voxify.gateway.privacy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.audit.AuditEvent;
import io.voxify.events.audit.AuditEventPage;
import io.voxify.events.audit.FindAuditEventsQuery;
import io.voxify.events.clone.ClonePage;
import io.voxify.events.clone.FindClonesQuery;
import io.voxify.events.job.FindJobsQuery;
import io.voxify.events.job.JobPage;
import io.voxify.events.job.JobView;
import io.voxify.events.library.FavoritesView;
import io.voxify.events.library.FindFavoritesQuery;
import io.voxify.events.library.FindUserRatingsQuery;
import io.voxify.events.library.UserRatingsView;
import io.voxify.events.sample.FindSamplesQuery;
import io.voxify.events.sample.SamplePage;
import io.voxify.events.sample.SampleView;
import io.voxify.events.training.FindUserTrainingJobsQuery;
import io.voxify.events.training.TrainingJobList;
import io.voxify.events.user.UserView;
import io.voxify.gateway.audit.AuditJson;
import io.voxify.gateway.auth.UserResponse;
import io.voxify.gateway.file.AudioLinks;
import io.voxify.gateway.job.JobResponse;
import io.voxify.gateway.voice.CloneResponse;
import io.voxify.gateway.voice.SampleAudioController;
import io.voxify.gateway.voice.SampleResponse;
import io.voxify.gateway.voice.TrainingJobResponse;
import io.voxify.gateway.web.Envelope;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Everything the platform holds about one person, written as the API's envelope: their account, favourites and
 * ratings, jobs with their texts, samples' metadata, clones, training jobs, their webhook secret's generation (never
 * the secret) and the audit history of their account and resources. Lists are read from the read models a page at
 * a time and written as they come, so an export never holds more than one page in memory; each list stops at its
 * cap ({@link ExportProperties}) and says whether it did ({@code truncated}). Audio is not copied in: jobs and
 * samples carry signed links to it, for the caller's session, as {@code POST …/link} would answer them.
 */
@Component
@EnableConfigurationProperties(ExportProperties.class)
public class DataExport {
    /** Raised when the export's layout changes, so tools reading old exports can tell them apart. */
    static final int FORMAT_VERSION = 1;
    /** Texts are up to 10,000 characters: a page of jobs stays within a few megabytes. */
    private static final int PAGE = 100;
    /** The audit trail's own page limit. */
    private static final int AUDIT_PAGE = 1000;

    private final QueryGateway queries;
    private final AudioLinks links;
    private final AuditJson audit;
    private final ObjectMapper json;
    private final ExportProperties limits;

    public DataExport(
            QueryGateway queries, AudioLinks links, AuditJson audit, ObjectMapper json, ExportProperties limits) {
        this.queries = queries;
        this.links = links;
        this.audit = audit;
        this.json = json;
        this.limits = limits;
    }

    /** Writes the export of {@code user}'s data (the caller, {@code caller}, themselves) to {@code out}. */
    void write(UserView user, Jwt caller, Instant generatedAt, OutputStream out) throws IOException {
        String userId = user.userId();
        try (JsonGenerator gen = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeBooleanField("success", true);
            gen.writeObjectFieldStart("data");
            gen.writeNumberField("format_version", FORMAT_VERSION);
            gen.writeStringField("generated_at", Envelope.iso(generatedAt));
            gen.writeStringField("user_id", userId);
            gen.writeObjectField("limits", new ExportSchemas.Limits(limits.maxItems(), limits.maxAuditEvents()));
            gen.writeObjectField("profile", UserResponse.of(user));
            gen.writeObjectField(
                    "webhook_secret",
                    new ExportSchemas.WebhookSecret(
                            user.webhookSecretGeneration(), Envelope.iso(user.webhookSecretRotatedAt())));

            FavoritesView favorites = queries.query(new FindFavoritesQuery(userId), FavoritesView.class)
                    .join();
            whole(gen, "favorites", new ArrayList<>(new TreeSet<>(favorites.favorites())));
            UserRatingsView ratings = queries.query(new FindUserRatingsQuery(userId), UserRatingsView.class)
                    .join();
            List<ExportSchemas.Rating> rated = new ArrayList<>();
            new TreeMap<>(ratings.ratings())
                    .forEach((voice, rating) -> rated.add(new ExportSchemas.Rating(voice, rating)));
            whole(gen, "ratings", rated);

            paged(
                    gen,
                    "jobs",
                    (offset, limit) -> queries.query(
                                    new FindJobsQuery(
                                            userId, null, null, null, null, null, "created_at", true, limit, offset),
                                    JobPage.class)
                            .join()
                            .items(),
                    job -> job(job, caller));
            paged(
                    gen,
                    "samples",
                    (offset, limit) -> queries.query(
                                    new FindSamplesQuery(userId, null, null, limit, offset), SamplePage.class)
                            .join()
                            .items(),
                    sample -> sample(sample, caller));
            paged(
                    gen,
                    "clones",
                    (offset, limit) -> queries.query(
                                    new FindClonesQuery(userId, null, null, limit, offset), ClonePage.class)
                            .join()
                            .items(),
                    CloneResponse::of);
            paged(
                    gen,
                    "training_jobs",
                    (offset, limit) -> queries.query(
                                    new FindUserTrainingJobsQuery(userId, limit, offset), TrainingJobList.class)
                            .join()
                            .items(),
                    TrainingJobResponse::of);
            auditHistory(gen, userId);

            gen.writeEndObject();
            gen.writeStringField("message", "Everything Voxify holds about you, as of " + Envelope.iso(generatedAt));
            gen.writeStringField("timestamp", Envelope.now());
            gen.writeEndObject();
        }
    }

    private ExportSchemas.Job job(JobView job, Jwt caller) {
        return new ExportSchemas.Job(
                JobResponse.of(job, true), job.fileId() == null ? null : links.file(job.fileId(), caller));
    }

    private ExportSchemas.Sample sample(SampleView sample, Jwt caller) {
        return new ExportSchemas.Sample(
                SampleResponse.of(sample),
                sample.audio() == null || sample.audio().blobKey() == null
                        ? null
                        : SampleAudioController.link(links, sample.sampleId(), caller));
    }

    interface Pages<T> {
        List<T> page(int offset, int limit);
    }

    interface Shape<T> {
        Object json(T item);
    }

    /** A list read a page at a time up to its cap, each page written before the next is read. */
    private <T> void paged(JsonGenerator gen, String name, Pages<T> pages, Shape<T> shape) throws IOException {
        int cap = limits.maxItems();
        gen.writeObjectFieldStart(name);
        gen.writeArrayFieldStart("items");
        int count = 0;
        boolean truncated = false;
        for (int offset = 0; ; offset += PAGE) {
            List<T> page = pages.page(offset, PAGE);
            for (T item : page) {
                if (count == cap) {
                    truncated = true;
                    break;
                }
                gen.writeObject(shape.json(item));
                count++;
            }
            gen.flush();
            if (truncated || page.size() < PAGE) {
                break;
            }
        }
        gen.writeEndArray();
        gen.writeNumberField("count", count);
        gen.writeBooleanField("truncated", truncated);
        gen.writeEndObject();
    }

    /** A list the read model answers whole (a person's favourites and ratings: one row per voice). */
    private void whole(JsonGenerator gen, String name, List<?> items) throws IOException {
        int cap = limits.maxItems();
        List<?> kept = items.size() > cap ? items.subList(0, cap) : items;
        gen.writeObjectFieldStart(name);
        gen.writeObjectField("items", kept);
        gen.writeNumberField("count", kept.size());
        gen.writeBooleanField("truncated", items.size() > cap);
        gen.writeEndObject();
    }

    /**
     * The person's account and everything they own, oldest event first, as the audit API shows it to an owner:
     * secrets redacted, and no one else's client address.
     */
    private void auditHistory(JsonGenerator gen, String userId) throws IOException {
        int cap = limits.maxAuditEvents();
        gen.writeObjectFieldStart("audit_events");
        gen.writeArrayFieldStart("items");
        int count = 0;
        long after = 0;
        boolean more = true;
        while (more && count < cap) {
            AuditEventPage page = queries.query(
                            new FindAuditEventsQuery(
                                    null, null, null, userId, null, null, after, Math.min(AUDIT_PAGE, cap - count)),
                            AuditEventPage.class)
                    .join();
            for (AuditEvent event : page.events()) {
                gen.writeObject(audit.of(event, userId));
                after = event.position();
                count++;
            }
            gen.flush();
            more = page.hasMore();
        }
        gen.writeEndArray();
        gen.writeNumberField("count", count);
        gen.writeBooleanField("truncated", more);
        gen.writeEndObject();
    }
}
