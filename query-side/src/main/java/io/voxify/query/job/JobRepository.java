package io.voxify.query.job;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface JobRepository extends JpaRepository<JobEntity, String> {

    /** Pairs of status name and the number of jobs in it, counted by the database. */
    @Query("select j.status, count(j) from JobEntity j group by j.status")
    List<Object[]> countByStatus();
}
