package io.voxify.saga.vector;

import org.springframework.data.jpa.repository.JpaRepository;

public interface VectorRepository extends JpaRepository<VectorEntity, String> {
}
