package io.voxify.query.library;

import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRatingsVersionRepository extends JpaRepository<UserRatingsVersionEntity, String> {}
