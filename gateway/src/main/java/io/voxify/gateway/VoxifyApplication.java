package io.voxify.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The whole platform in one process (the embedded default): REST gateway, aggregates,
 * projections, sagas and the in-process worker pool.
 */
@SpringBootApplication(scanBasePackages = "io.voxify")
@AutoConfigurationPackage(basePackages = "io.voxify")
public class VoxifyApplication {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication.run(VoxifyApplication.class, args);
    }
}
