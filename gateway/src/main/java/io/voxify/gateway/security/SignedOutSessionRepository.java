package io.voxify.gateway.security;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface SignedOutSessionRepository extends JpaRepository<SignedOutSessionEntity, String> {

    @Query("select s from SignedOutSessionEntity s where s.until >= :now")
    List<SignedOutSessionEntity> findLive(@Param("now") long now);

    @Modifying
    @Query("delete from SignedOutSessionEntity s where s.until < :now")
    int deleteExpired(@Param("now") long now);
}
