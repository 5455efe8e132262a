package io.voxify.query.job;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AudioFileRepository extends JpaRepository<AudioFileEntity, String> {
    Optional<AudioFileEntity> findFirstByJobId(String jobId);

    void deleteByJobId(String jobId);
}
