package io.voxify.gateway.privacy;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.voxify.gateway.auth.UserResponse;
import io.voxify.gateway.file.AudioLinkResponse;
import io.voxify.gateway.job.JobResponse;
import io.voxify.gateway.voice.CloneResponse;
import io.voxify.gateway.voice.SampleResponse;
import java.util.List;
import java.util.Map;

/**
 * The export's answer as the API document shows it. {@link DataExport} streams the envelope and its lists field by
 * field as it reads the read models, and writes the parts below (limits, webhook secret, each rating, job and
 * sample) as these records, so the document and the export cannot drift apart there. Component names are the JSON
 * names.
 */
final class ExportSchemas {

    private ExportSchemas() {}

    @Schema(name = "DataExportEnvelope")
    record ExportEnvelope(boolean success, Export data, String message, String timestamp) {}

    @Schema(name = "DataExport", description = "Everything held about the caller")
    record Export(
            @Schema(description = "Raised when the layout changes", example = "1")
            int format_version,

            @Schema(description = "When the export was read", example = "2024-01-15T10:30:00.000Z")
            String generated_at,

            String user_id,
            Limits limits,
            UserResponse profile,
            WebhookSecret webhook_secret,

            @Schema(description = "Favourite voice model ids")
            Section favorites,

            @Schema(description = "Ratings: {voice_model_id, rating}")
            Section ratings,

            @Schema(description = "Jobs, oldest first: {job, audio}")
            JobSection jobs,

            @Schema(description = "Samples, newest first: {sample, audio}")
            SampleSection samples,

            @Schema(description = "Clones, newest first") CloneSection clones,

            @Schema(description = "Training jobs as GET /api/v1/voice/training/{id} shows them, oldest first")
            Section training_jobs,

            @Schema(
                    description = "The audit history of the account and everything it owns, oldest first, as "
                            + "GET /api/v1/audit/jobs/{id}/events shows events to their owner (secrets redacted)")
            Section audit_events) {}

    @Schema(name = "DataExportLimits")
    record Limits(int max_items, int max_audit_events) {}

    @Schema(name = "DataExportWebhookSecret", description = "The webhook secret's generation, never the secret")
    record WebhookSecret(
            int generation, @Schema(nullable = true) String rotated_at) {}

    @Schema(name = "DataExportRating")
    record Rating(String voice_model_id, int rating) {}

    @Schema(name = "DataExportSection")
    record Section(
            @ArraySchema(schema = @Schema(type = "object")) List<Map<String, Object>> items,
            int count,

            @Schema(description = "Whether the list was cut at its cap")
            boolean truncated) {}

    @Schema(name = "DataExportJob")
    record Job(
            JobResponse job,

            @Schema(nullable = true, description = "Null until the job has audio")
            AudioLinkResponse audio) {}

    @Schema(name = "DataExportJobs")
    record JobSection(List<Job> items, int count, boolean truncated) {}

    @Schema(name = "DataExportSample")
    record Sample(
            SampleResponse sample, @Schema(nullable = true) AudioLinkResponse audio) {}

    @Schema(name = "DataExportSamples")
    record SampleSection(List<Sample> items, int count, boolean truncated) {}

    @Schema(name = "DataExportClones")
    record CloneSection(List<CloneResponse> items, int count, boolean truncated) {}
}
