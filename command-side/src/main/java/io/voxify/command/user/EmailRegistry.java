package io.voxify.command.user;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.user.FindAccountByEmailQuery;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
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

    /**
     * Must run inside the transaction that handles the registration ({@link EmailClaimInterceptor}), so both
     * stand or fall together.
     */
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

    /** The account's e-mail is free again (its account was deleted); same transaction rule as {@link #claim}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(String userId) {
        claims.deleteByUserId(userId);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public Optional<String> handle(FindAccountByEmailQuery query) {
        return claims.findById(query.email()).map(EmailClaim::userId);
    }
}
