package io.voxify.infrastructure.tokens.jpa;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RefreshTokenRepository extends JpaRepository<RefreshTokenEntity, String> {

    @Modifying
    @Query("update RefreshTokenEntity t set t.revoked = true where t.familyId = :family")
    int revokeFamily(@Param("family") String familyId);

    @Modifying
    @Query("update RefreshTokenEntity t set t.revoked = true where t.userId = :user")
    int revokeUser(@Param("user") String userId);

    @Modifying
    @Query("delete from RefreshTokenEntity t where t.userId = :user")
    int deleteUser(@Param("user") String userId);

    /** Marks the token used only if nobody did first: 0 rows means another request won the race. */
    @Modifying(clearAutomatically = true)
    @Query("update RefreshTokenEntity t set t.usedAt = :now where t.tokenHash = :hash and t.usedAt is null")
    int markUsed(@Param("hash") String tokenHash, @Param("now") long now);

    @Modifying
    @Query("delete from RefreshTokenEntity t where t.expiresAt < :now")
    int deleteExpired(@Param("now") long now);

    List<RefreshTokenEntity> findByFamilyId(String familyId);
}
