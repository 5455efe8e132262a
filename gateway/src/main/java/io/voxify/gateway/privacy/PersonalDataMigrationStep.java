package io.voxify.gateway.privacy;

import io.voxify.infrastructure.privacy.PersonalDataMigration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code make migrate-personal-data} ({@code --voxify.privacy.migrate=true}): seals the personal values of the
 * events a store kept from before they were sealed (README, Privacy), then stops the process. Safe to repeat,
 * and safe while other nodes serve; back the database up first, as the step is one way.
 */
@Component
@ConditionalOnProperty(name = "voxify.privacy.migrate", havingValue = "true")
public class PersonalDataMigrationStep implements ApplicationRunner {
    private final PersonalDataMigration migration;
    private final ConfigurableApplicationContext context;

    public PersonalDataMigrationStep(PersonalDataMigration migration, ConfigurableApplicationContext context) {
        this.migration = migration;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        PersonalDataMigration.Report report = migration.migrate();
        System.out.printf(
                "Personal data migration done: %d events read, %d sealed%n",
                report.eventsRead(), report.eventsSealed());
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
