package io.voxify.infrastructure.vector.relational;

import org.springframework.data.jpa.repository.JpaRepository;

public interface VectorRepository extends JpaRepository<VectorEntity, String> {}
