package io.voxify.command.user;

import org.springframework.data.jpa.repository.JpaRepository;

public interface EmailClaimRepository extends JpaRepository<EmailClaim, String> {}
