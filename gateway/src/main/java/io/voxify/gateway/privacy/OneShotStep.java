package io.voxify.gateway.privacy;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An operator's step run by the application itself with the server's own data directory and settings (a make
 * target starts it with the step's property): it does its work once the application is up, prints what it did,
 * and stops the process.
 */
abstract class OneShotStep implements ApplicationRunner {
    private final ConfigurableApplicationContext context;

    OneShotStep(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Does the step's work; what it did, in one line for the operator. */
    abstract String perform();

    @Override
    public void run(ApplicationArguments args) {
        System.out.println(perform());
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
