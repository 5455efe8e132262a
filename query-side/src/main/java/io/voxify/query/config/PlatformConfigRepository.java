package io.voxify.query.config;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PlatformConfigRepository extends JpaRepository<PlatformConfigEntity, String> {}
