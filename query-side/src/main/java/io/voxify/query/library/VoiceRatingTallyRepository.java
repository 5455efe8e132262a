package io.voxify.query.library;

import org.springframework.data.jpa.repository.JpaRepository;

public interface VoiceRatingTallyRepository extends JpaRepository<VoiceRatingTallyEntity, String> {}
