package io.voxify.query.training;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TrainingRepository extends JpaRepository<TrainingEntity, String> {

    /** Mean time of one epoch per batch item, in ms, over every epoch measured so far. */
    @Query("select sum(t.epochMsTotal) * 1.0 / nullif(sum(t.epochsDone * t.batchSize), 0) from TrainingEntity t "
            + "where t.epochsDone > 0")
    Double averageEpochMsPerItem();
}
