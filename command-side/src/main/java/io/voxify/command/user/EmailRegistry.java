package io.voxify.command.user;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Component
public class EmailRegistry {
    private final EmailClaimRepository claims;

    public EmailRegistry(EmailClaimRepository claims) {
        this.claims = claims;
    }

    /** Must run inside the transaction that sends the registration, so both stand or fall together. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void claim(String email, String userId) {
        if (claims.existsById(email)) {
            throw new DomainException(ErrorCode.EMAIL_EXISTS, "An account with this email already exists");
        }
        try {
            claims.saveAndFlush(new EmailClaim(email, userId));
        } catch (DataIntegrityViolationException race) {
            throw new DomainException(ErrorCode.EMAIL_EXISTS, "An account with this email already exists");
        }
    }

    @Transactional(readOnly = true)
    public Optional<String> userIdFor(String email) {
        return claims.findById(email).map(EmailClaim::userId);
    }
}
