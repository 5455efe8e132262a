package io.voxify.command.sample;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.events.sample.FindSampleByContentQuery;
import java.util.Map;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Component
public class SampleContentRegistry {
    private final SampleContentClaimRepository claims;

    public SampleContentRegistry(SampleContentClaimRepository claims) {
        this.claims = claims;
    }

    /**
     * Must run inside the transaction that handles the upload ({@link SampleContentClaimInterceptor}), so both
     * stand or fall together.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void claim(String userId, String sha256, String sampleId) {
        claims.find(userId, sha256).ifPresent(existing -> {
            throw duplicate(existing.sampleId());
        });
        try {
            claims.saveAndFlush(new SampleContentClaim(userId, sha256, sampleId));
        } catch (DataIntegrityViolationException race) {
            throw duplicate(claims.find(userId, sha256)
                    .map(SampleContentClaim::sampleId)
                    .orElse(null));
        }
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public Optional<String> handle(FindSampleByContentQuery query) {
        return claims.find(query.userId(), query.sha256()).map(SampleContentClaim::sampleId);
    }

    /** Runs inside the transaction that handles the deletion, so the recording is free again once it is gone. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(String sampleId) {
        claims.release(sampleId);
    }

    private static DomainException duplicate(String sampleId) {
        return new DomainException(
                ErrorCode.DUPLICATE_SAMPLE,
                "You already uploaded this recording as sample " + sampleId,
                sampleId == null ? null : Map.of("existing_sample_id", sampleId));
    }
}
