package io.voxify.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.events.admin.FindPlatformConfigQuery;
import io.voxify.events.admin.PlatformConfig;
import io.voxify.events.admin.PlatformConfigChangedEvent;
import io.voxify.events.admin.PlatformConfigView;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ReadModelTest
class PlatformConfigProjectionTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final PlatformConfig DEFAULTS = new PlatformConfig(
            100,
            1000,
            100,
            50L << 20,
            10_000,
            "default_voice_001",
            true,
            10,
            100,
            900,
            false,
            200,
            20,
            10,
            2,
            4,
            8,
            2,
            0);
    private static final PlatformConfig CLOSED = new PlatformConfig(
            60,
            500,
            50,
            10L << 20,
            5_000,
            "preset_gentle_female_001",
            false,
            5,
            50,
            600,
            true,
            100,
            10,
            5,
            1,
            2,
            4,
            1,
            0);

    /** The event store outlives each test's rolled-back transaction: every test has a configuration of its own. */
    private final String configId = "platform_config_" + UUID.randomUUID();

    @Autowired
    private PlatformConfigProjection projection;

    @Autowired
    private PlatformConfigRepository configs;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private ObjectMapper json;

    @Autowired
    private Deliveries deliveries;

    @AfterEach
    void unsubscribe() {
        deliveries.unsubscribeAll();
    }

    private PlatformConfigChangedEvent changed(PlatformConfig config, String by) {
        return new PlatformConfigChangedEvent(configId, config, List.of("registrationOpen"), by);
    }

    private void deliver(long sequence, PlatformConfigChangedEvent event) {
        deliveries.deliver(projection, "PlatformConfiguration", configId, sequence, T0.plusSeconds(sequence), event);
    }

    private PlatformConfigView view() {
        return projection.handle(new FindPlatformConfigQuery()).orElseThrow();
    }

    @Test
    void noConfigurationIsAnsweredUntilTheFirstChange() {
        assertThat(projection.handle(new FindPlatformConfigQuery())).isEmpty();
    }

    @Test
    void theLastChangeIsInForceWithWhoMadeItAndWhen() {
        deliver(0, changed(DEFAULTS, "system"));
        deliver(1, changed(CLOSED, "admin_1"));

        assertThat(view()).isEqualTo(new PlatformConfigView(CLOSED, 1, T0.plusSeconds(1), "admin_1"));
    }

    @Test
    void anOlderChangeHandledAgainDoesNotUndoALaterOne() {
        deliver(0, changed(DEFAULTS, "system"));
        deliver(1, changed(CLOSED, "admin_1"));
        Deliveries.Subscriber<PlatformConfigView> subscriber =
                deliveries.subscribe(new FindPlatformConfigQuery(), PlatformConfigView.class);

        deliver(0, changed(DEFAULTS, "system"));
        deliver(1, changed(CLOSED, "admin_1"));

        assertThat(view()).isEqualTo(new PlatformConfigView(CLOSED, 1, T0.plusSeconds(1), "admin_1"));
        assertThat(subscriber.updates()).isEmpty();
    }

    @Test
    void everyChangeReachesTheSubscribers() {
        Deliveries.Subscriber<PlatformConfigView> subscriber =
                deliveries.subscribe(new FindPlatformConfigQuery(), PlatformConfigView.class);

        deliver(0, changed(DEFAULTS, "system"));
        deliver(1, changed(CLOSED, "admin_1"));

        assertThat(subscriber.updates())
                .containsExactly(
                        new PlatformConfigView(DEFAULTS, 0, T0, "system"),
                        new PlatformConfigView(CLOSED, 1, T0.plusSeconds(1), "admin_1"));
    }

    /** A row as a release before the per-user caps wrote it: the settings added since are missing. */
    private void storeRowWithoutTheNewerSettings(long version, String by) {
        ObjectNode old = json.valueToTree(CLOSED);
        old.remove(List.of(
                "maxWorkInFlightPerUser", "maxAudioStreamsPerUser", "maxEventStreamsPerUser", "maxSyncSpeechPerUser"));
        PlatformConfigEntity row = new PlatformConfigEntity();
        row.configId = configId;
        row.configJson = old.toString();
        row.version = version;
        row.updatedAt = T0.plusSeconds(version).toEpochMilli();
        row.updatedBy = by;
        configs.saveAndFlush(row);
    }

    @Test
    void aRowAnOlderReleaseWroteIsAnsweredFromTheConfigurationsEvents() {
        eventStore.publish(
                new GenericDomainEventMessage<>("PlatformConfiguration", configId, 0, changed(DEFAULTS, "system")));
        Instant lastChange = Instant.now();
        eventStore.publish(
                new GenericDomainEventMessage<>("PlatformConfiguration", configId, 1, changed(CLOSED, "admin_1")));
        storeRowWithoutTheNewerSettings(1, "admin_1");

        PlatformConfigView view = view();
        assertThat(view.config())
                .as("whole, not with zeros for what the row lacks")
                .isEqualTo(CLOSED);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.updatedBy()).isEqualTo("admin_1");
        assertThat(view.updatedAt()).isAfterOrEqualTo(lastChange);
        assertThat(configs.findById(configId).orElseThrow().configJson)
                .as("the row is not rewritten on read")
                .doesNotContain("maxWorkInFlightPerUser");
    }

    @Test
    void aRowAnOlderReleaseWroteIsAnsweredAsItIsWhenNoEventsCanBeRead() {
        storeRowWithoutTheNewerSettings(3, "admin_1");

        PlatformConfigView view = view();
        assertThat(view.config().registrationOpen()).isFalse();
        assertThat(view.config().maxWorkInFlightPerUser()).isZero();
        assertThat(view.version()).isEqualTo(3);
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void theNextChangeWritesTheRowWhole() {
        storeRowWithoutTheNewerSettings(1, "admin_1");
        deliver(2, changed(DEFAULTS, "admin_2"));

        assertThat(view()).isEqualTo(new PlatformConfigView(DEFAULTS, 2, T0.plusSeconds(2), "admin_2"));
        assertThat(configs.findById(configId).orElseThrow().configJson).contains("maxWorkInFlightPerUser");
    }

    @Test
    void aResetEmptiesTheTableForTheReplay() {
        deliver(0, changed(DEFAULTS, "system"));
        deliveries.reset(projection);

        assertThat(projection.handle(new FindPlatformConfigQuery())).isEmpty();
    }
}
