package io.voxify.query.training;

import java.util.Collection;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TrainingRepository extends JpaRepository<TrainingEntity, String> {

    org.springframework.data.domain.Page<TrainingEntity> findByStatusIn(
            Collection<String> statuses, org.springframework.data.domain.Pageable page);

    org.springframework.data.domain.Slice<TrainingEntity> findByUserId(
            String userId, org.springframework.data.domain.Pageable page);

    java.util.List<TrainingEntity> findByUserId(String userId);

    /**
     * Mean time of one whole epoch per check sentence it spoke, in ms, over every training so far. A
     * job's first epoch only measures the starting point, so it is left out.
     */
    @Query(
            "select sum(t.fullEpochMs) * 1.0 / nullif(sum(t.fullEpochs * coalesce(t.sentencesPerEpoch, t.batchSize)), 0) "
                    + "from TrainingEntity t where t.fullEpochs > 0")
    Double averageEpochMsPerSentence();
}
