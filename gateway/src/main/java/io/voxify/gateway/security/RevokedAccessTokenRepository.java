package io.voxify.gateway.security;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RevokedAccessTokenRepository extends JpaRepository<RevokedAccessTokenEntity, String> {

    @Query("select t from RevokedAccessTokenEntity t where t.expiresAt >= :now")
    List<RevokedAccessTokenEntity> findLiveTokens(@Param("now") long now);

    @Modifying
    @Query("delete from RevokedAccessTokenEntity t where t.expiresAt < :now")
    int deleteExpired(@Param("now") long now);
}
