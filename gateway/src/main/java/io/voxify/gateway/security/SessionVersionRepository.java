package io.voxify.gateway.security;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface SessionVersionRepository extends JpaRepository<SessionVersionEntity, String> {

    /** Raises the stored version by one in the database itself, so two nodes bumping at once both count. */
    @Modifying
    @Query("update SessionVersionEntity s set s.version = s.version + 1 where s.userId = :userId")
    int increment(@Param("userId") String userId);
}
