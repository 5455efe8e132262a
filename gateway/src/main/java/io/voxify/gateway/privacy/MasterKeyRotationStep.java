package io.voxify.gateway.privacy;

import io.voxify.infrastructure.privacy.MasterKeyRotation;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
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
public class MasterKeyRotationStep implements ApplicationRunner {
    private final MasterKeyRotation rotation;
    private final ConfigurableApplicationContext context;

    public MasterKeyRotationStep(MasterKeyRotation rotation, ConfigurableApplicationContext context) {
        this.rotation = rotation;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        MasterKeyRotation.Report report = rotation.rotate();
        System.out.printf(
                "Master-key rotation done: %d live keys, %d wrapped anew%s%n",
                report.liveKeys(),
                report.rewrapped(),
                report.keptFileReplaced() ? "; the data directory holds the new master key" : "");
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
