package io.voxify.events.clone;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a clone and its generation job ({@code generationJobId}) with the given parameters.
 */
public record CreateVoiceCloneCommand(
        @TargetAggregateIdentifier String cloneId,
        String userId,
        List<String> sampleIds,
        String name,
        String description,
        String language,
        String generationJobId,
        CloneGenerationSettings settings) {

    /** A clone with the default parameters, its generation job named after the clone. */
    public CreateVoiceCloneCommand(
            String cloneId, String userId, List<String> sampleIds, String name, String description, String language) {
        this(
                cloneId,
                userId,
                sampleIds,
                name,
                description,
                language,
                defaultGenerationJobId(cloneId),
                CloneGenerationSettings.DEFAULT);
    }

    /** {@code job_gen_<the clone id's own part>}: unique as the clone id is, without randomness here. */
    public static String defaultGenerationJobId(String cloneId) {
        return cloneId == null ? null : "job_gen_" + (cloneId.startsWith("vc_") ? cloneId.substring(3) : cloneId);
    }
}
