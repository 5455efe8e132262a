package io.voxify.query;

import io.voxify.query.admin.PlatformStatistics;
import io.voxify.query.audit.AggregateOwnerProjection;
import io.voxify.query.clone.CloneProjection;
import io.voxify.query.config.PlatformConfigProjection;
import io.voxify.query.job.AudioFileProjection;
import io.voxify.query.job.JobProjection;
import io.voxify.query.library.LibraryProjection;
import io.voxify.query.library.VoiceRatingProjection;
import io.voxify.query.sample.SampleProjection;
import io.voxify.query.support.JsonColumns;
import io.voxify.query.support.ViewUpdates;
import io.voxify.query.training.TrainingProjection;
import io.voxify.query.user.UserDirectory;
import io.voxify.query.user.UserProjection;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What the projections need besides their repositories, real but in memory: the update emitter subscribers
 * listen on, Boot's JSON mapper, and an event store (the platform configuration reads its history from it).
 * Every projection is in the one context, so the test classes share it. Entities and repositories are found
 * from this package down, as the gateway finds them.
 */
@SpringBootConfiguration
@AutoConfigurationPackage
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@Import({
    ViewUpdates.class,
    JsonColumns.class,
    Deliveries.class,
    TrainingProjection.class,
    CloneProjection.class,
    SampleProjection.class,
    UserProjection.class,
    LibraryProjection.class,
    VoiceRatingProjection.class,
    PlatformConfigProjection.class,
    AggregateOwnerProjection.class,
    JobProjection.class,
    AudioFileProjection.class,
    UserDirectory.class,
    PlatformStatistics.class
})
public class ReadModelTestConfiguration {

    @Bean
    QueryUpdateEmitter queryUpdateEmitter() {
        return SimpleQueryUpdateEmitter.builder().build();
    }

    @Bean(destroyMethod = "shutDown")
    EventStore eventStore() {
        return EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
    }
}
