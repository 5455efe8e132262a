package io.voxify.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.events.clone.VoiceCloneCreatedEvent;
import io.voxify.events.clone.VoiceCloneDeletedEvent;
import io.voxify.events.library.VoiceFavoritedEvent;
import io.voxify.events.training.TrainingStartedEvent;
import io.voxify.events.user.Role;
import io.voxify.events.user.UserRegisteredEvent;
import io.voxify.query.Deliveries;
import io.voxify.query.ReadModelTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ReadModelTest
class AggregateOwnerProjectionTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    private AggregateOwnerProjection projection;

    @Autowired
    private AggregateOwnerRepository owners;

    @Autowired
    private Deliveries deliveries;

    private String ownerOf(String aggregateId) {
        return owners.findById(aggregateId)
                .map(row -> row.aggregateType + " of " + row.userId)
                .orElse(null);
    }

    @Test
    void anAggregateBelongsToTheUserItsEventsName() {
        deliveries.deliver(
                projection,
                "VoiceClone",
                "vc_1",
                0,
                T0,
                new VoiceCloneCreatedEvent("vc_1", "user_ann", List.of("vs_1"), "Mine", null, "en-US"));
        deliveries.deliver(
                projection,
                "UserAccount",
                "user_ann",
                0,
                T0,
                new UserRegisteredEvent("user_ann", "ann@example.com", "{bcrypt}hash", "Ann", "Lee", Role.USER));

        assertThat(ownerOf("vc_1")).isEqualTo("VoiceClone of user_ann");
        assertThat(ownerOf("user_ann")).as("an account owns itself").isEqualTo("UserAccount of user_ann");
    }

    @Test
    void theFirstOwnerStaysAndEventsThatNameNoOwnerChangeNothing() {
        deliveries.deliver(
                projection,
                "Favorites",
                "fav_user_ann",
                0,
                T0,
                new VoiceFavoritedEvent("fav_user_ann", "user_ann", "default_voice_001"));
        deliveries.deliver(
                projection,
                "Favorites",
                "fav_user_ann",
                1,
                T0,
                new VoiceFavoritedEvent("fav_user_ann", "user_bob", "preset_gentle_female_001"));
        deliveries.deliver(projection, "TrainingJob", "train_1", 1, T0, new TrainingStartedEvent("train_1", "w"));

        assertThat(ownerOf("fav_user_ann")).isEqualTo("Favorites of user_ann");
        assertThat(ownerOf("train_1")).isNull();
    }

    @Test
    void ownershipOutlivesTheAggregateForItsAuditTrail() {
        deliveries.deliver(
                projection,
                "VoiceClone",
                "vc_1",
                0,
                T0,
                new VoiceCloneCreatedEvent("vc_1", "user_ann", List.of("vs_1"), "Mine", null, "en-US"));
        deliveries.deliver(
                projection,
                "VoiceClone",
                "vc_1",
                5,
                T0,
                new VoiceCloneDeletedEvent("vc_1", "user_ann", "user_ann", null));

        assertThat(ownerOf("vc_1")).isEqualTo("VoiceClone of user_ann");
    }

    @Test
    void aResetEmptiesTheTableForTheReplay() {
        deliveries.deliver(
                projection,
                "VoiceClone",
                "vc_1",
                0,
                T0,
                new VoiceCloneCreatedEvent("vc_1", "user_ann", List.of("vs_1"), "Mine", null, "en-US"));
        deliveries.reset(projection);

        assertThat(owners.findAll()).isEmpty();
    }
}
