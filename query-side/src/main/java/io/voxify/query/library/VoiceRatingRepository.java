package io.voxify.query.library;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface VoiceRatingRepository extends JpaRepository<VoiceRatingEntity, String> {

    List<VoiceRatingEntity> findByUserId(String userId);

    List<VoiceRatingEntity> findByVoiceModelId(String voiceModelId);
}
