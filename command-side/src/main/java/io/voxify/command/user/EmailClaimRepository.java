package io.voxify.command.user;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface EmailClaimRepository extends JpaRepository<EmailClaim, String> {

    @Modifying
    @Query("DELETE FROM EmailClaim c WHERE c.userId = :userId")
    int deleteByUserId(@Param("userId") String userId);
}
