package io.voxify.gateway.privacy;

import io.voxify.infrastructure.privacy.MasterKeyRotation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code make rotate-master-key} ({@code --voxify.privacy.rotate-master-key=true}): wraps every live personal-data
 * key with the current master key and, when the key is kept in the data directory, replaces it with a new one
 * (README, Privacy: rotating the master key); then stops the process. Safe to repeat.
 */
@Component
@ConditionalOnProperty(name = "voxify.privacy.rotate-master-key", havingValue = "true")
public class MasterKeyRotationStep extends OneShotStep {
    private final MasterKeyRotation rotation;

    public MasterKeyRotationStep(MasterKeyRotation rotation, ConfigurableApplicationContext context) {
        super(context);
        this.rotation = rotation;
    }

    @Override
    String perform() {
        MasterKeyRotation.Report report = rotation.rotate();
        return String.format(
                "Master-key rotation done: %d live keys, %d wrapped anew%s",
                report.liveKeys(),
                report.rewrapped(),
                report.keptFileReplaced() ? "; the data directory holds the new master key" : "");
    }
}
