package io.voxify.command.sample;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import java.util.Map;
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

    /** Must run inside the transaction that sends the upload, so both stand or fall together. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void claim(String userId, String sha256, String sampleId) {
        claims.find(userId, sha256).ifPresent(existing -> {
            throw duplicate(existing.sampleId());
        });
        try {
            claims.saveAndFlush(new SampleContentClaim(userId, sha256, sampleId));
        } catch (DataIntegrityViolationException race) {
            throw duplicate(claims.find(userId, sha256).map(SampleContentClaim::sampleId).orElse(null));
        }
    }

    @Transactional(readOnly = true)
    public java.util.Optional<String> existing(String userId, String sha256) {
        return claims.find(userId, sha256).map(SampleContentClaim::sampleId);
    }

    @Transactional
    public void release(String sampleId) {
        claims.release(sampleId);
    }

    private static DomainException duplicate(String sampleId) {
        return new DomainException(ErrorCode.DUPLICATE_SAMPLE,
                "You already uploaded this recording as sample " + sampleId,
                sampleId == null ? null : Map.of("existing_sample_id", sampleId));
    }
}
