package io.voxify.query.clone;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CloneRepository extends JpaRepository<CloneEntity, String> {

    java.util.Optional<CloneEntity> findByGenerationJobId(String generationJobId);
}
