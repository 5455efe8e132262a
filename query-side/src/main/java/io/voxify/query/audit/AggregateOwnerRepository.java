package io.voxify.query.audit;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AggregateOwnerRepository extends JpaRepository<AggregateOwnerEntity, String> {}
