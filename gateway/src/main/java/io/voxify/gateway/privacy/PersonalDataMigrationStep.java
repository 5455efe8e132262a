package io.voxify.gateway.privacy;

import io.voxify.infrastructure.privacy.PersonalDataMigration;
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
public class PersonalDataMigrationStep extends OneShotStep {
    private final PersonalDataMigration migration;

    public PersonalDataMigrationStep(PersonalDataMigration migration, ConfigurableApplicationContext context) {
        super(context);
        this.migration = migration;
    }

    @Override
    String perform() {
        PersonalDataMigration.Report report = migration.migrate();
        return String.format(
                "Personal data migration done: %d events read, %d sealed", report.eventsRead(), report.eventsSealed());
    }
}
