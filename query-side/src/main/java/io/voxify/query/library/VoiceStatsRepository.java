package io.voxify.query.library;

import org.springframework.data.jpa.repository.JpaRepository;

public interface VoiceStatsRepository extends JpaRepository<VoiceStatsEntity, String> {}
