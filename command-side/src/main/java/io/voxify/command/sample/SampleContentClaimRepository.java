package io.voxify.command.sample;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface SampleContentClaimRepository extends JpaRepository<SampleContentClaim, SampleContentClaim.Key> {

    @Query("select c from SampleContentClaim c where c.userId = :user and c.sha256 = :sha")
    Optional<SampleContentClaim> find(@Param("user") String userId, @Param("sha") String sha256);

    @Modifying
    @Query("delete from SampleContentClaim c where c.sampleId = :sample")
    int release(@Param("sample") String sampleId);
}
