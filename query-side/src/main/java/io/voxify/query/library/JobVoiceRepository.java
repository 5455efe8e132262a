package io.voxify.query.library;

import org.springframework.data.jpa.repository.JpaRepository;

public interface JobVoiceRepository extends JpaRepository<JobVoiceEntity, String> {}
