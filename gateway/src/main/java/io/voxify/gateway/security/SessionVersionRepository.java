package io.voxify.gateway.security;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SessionVersionRepository extends JpaRepository<SessionVersionEntity, String> {
}
