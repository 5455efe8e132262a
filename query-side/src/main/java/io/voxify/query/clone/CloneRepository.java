package io.voxify.query.clone;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CloneRepository extends JpaRepository<CloneEntity, String> {

    Optional<CloneEntity> findByGenerationJobId(String generationJobId);
}
