package io.voxify.gateway.voice;

import io.voxify.catalogue.PresetCatalog;
import io.voxify.catalogue.PresetEmbeddings;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.FindSampleQuery;
import io.voxify.events.sample.SampleStatus;
import io.voxify.events.sample.SampleView;
import io.voxify.gateway.security.AuthenticatedUser;
import io.voxify.infrastructure.vector.VectorIndex;
import io.voxify.worker.clone.CloneWorker;
import io.voxify.worker.sample.SampleProcessingWorker;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/** The voices nearest to a sample by speaker embedding, among those the caller may see. */
@Service
public class SimilarVoices {
    private static final Set<String> KINDS =
            Set.of(SampleProcessingWorker.VECTOR_KIND, CloneWorker.VECTOR_KIND, PresetEmbeddings.VECTOR_KIND);

    private final SampleService samples;
    private final VectorIndex vectors;
    private final QueryGateway queries;
    private final PresetEmbeddings presets;

    public SimilarVoices(SampleService samples, VectorIndex vectors, QueryGateway queries, PresetEmbeddings presets) {
        this.presets = presets;
        this.samples = samples;
        this.vectors = vectors;
        this.queries = queries;
    }

    public List<SimilarVoiceResponse> nearTo(AuthenticatedUser user, String sampleId, int limit) {
        SampleView sample = samples.find(user, sampleId);
        VectorIndex.VectorEntry own = Optional.ofNullable(sample.vectorId())
                .flatMap(vectors::get)
                .filter(e -> sample.status() == SampleStatus.PROCESSED)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.SAMPLE_NOT_PROCESSED,
                        "Sample " + sampleId + " has no speaker embedding yet; process it first"));
        presets.ensureIndexed();
        return vectors.nearest(own.vector(), own.model(), KINDS, sample.userId(), sampleId, limit).stream()
                .map(this::describe)
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<SimilarVoiceResponse> describe(VectorIndex.VectorMatch match) {
        VectorIndex.VectorEntry e = match.entry();
        double similarity = Math.round(match.similarity() * 10_000) / 10_000.0;
        return switch (e.kind()) {
            case "preset" ->
                PresetCatalog.find(e.id())
                        .map(p -> SimilarVoiceResponse.voice(e.id(), e.kind(), similarity, p.name(), p.language()));
            case "clone" ->
                queries.query(new FindCloneQuery(e.id()), ResponseTypes.optionalInstanceOf(CloneView.class))
                        .join()
                        .map(c -> SimilarVoiceResponse.voice(e.id(), e.kind(), similarity, c.name(), c.language()));
            default ->
                queries.query(new FindSampleQuery(e.id()), ResponseTypes.optionalInstanceOf(SampleView.class))
                        .join()
                        .map(s -> SimilarVoiceResponse.sample(e.id(), e.kind(), similarity, s.name(), s.language()));
        };
    }
}
