package io.voxify.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;

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
        SpringApplication application = new SpringApplication(VoxifyApplication.class);
        if ("jfr".equals(System.getProperty("voxify.startup-steps"))) {
            // Each start-up step (bean instantiation, context phases) as a JFR event, for profiling
            // start-up: java -Dvoxify.startup-steps=jfr -XX:StartFlightRecording=filename=start.jfr …
            application.setApplicationStartup(new FlightRecorderApplicationStartup());
        }
        application.run(args);
    }
}
