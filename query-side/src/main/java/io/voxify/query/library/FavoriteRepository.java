package io.voxify.query.library;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface FavoriteRepository extends JpaRepository<FavoriteEntity, String> {

    List<FavoriteEntity> findByUserId(String userId);

    @Query("select f.voiceModelId, count(f) from FavoriteEntity f group by f.voiceModelId")
    List<Object[]> countByVoice();
}
