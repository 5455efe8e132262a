package io.voxify.gateway.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.events.clone.VoiceCloneReadyEvent;
import io.voxify.events.clone.VoiceCloneRefinedEvent;
import io.voxify.events.training.TrainingCompletedEvent;
import io.voxify.events.training.TrainingEpochCompletedEvent;
import io.voxify.events.training.TrainingJobCreatedEvent;
import java.util.function.Consumer;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Revision 2 of the events training from a sample changed, each read from revision 1 as what it meant then:
 * <ul>
 *   <li>a clone profile (in {@link VoiceCloneReadyEvent}, {@link VoiceCloneRefinedEvent},
 *       {@link TrainingEpochCompletedEvent}, {@link TrainingCompletedEvent}) had no pause factor: the engine's own
 *       pauses, which is a null factor;</li>
 *   <li>{@link TrainingCompletedEvent} compared nothing: no start quality, enhancement unknown (null);</li>
 *   <li>{@link TrainingJobCreatedEvent}: training only refined clones that existed ({@code buildsClone} false),
 *       and each epoch spoke as many check sentences as the batch size ({@code sentencesPerEpoch}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class TrainingEventUpcasters {

    @Bean
    @Order(0)
    SingleEventUpcaster voiceCloneReadyEventUpcaster() {
        return new FromRevisionOne(VoiceCloneReadyEvent.class.getName(), p -> enginePauses(p.get("profile")));
    }

    @Bean
    @Order(0)
    SingleEventUpcaster voiceCloneRefinedEventUpcaster() {
        return new FromRevisionOne(VoiceCloneRefinedEvent.class.getName(), p -> enginePauses(p.get("profile")));
    }

    @Bean
    @Order(0)
    SingleEventUpcaster trainingEpochCompletedEventUpcaster() {
        return new FromRevisionOne(TrainingEpochCompletedEvent.class.getName(), p -> enginePauses(p.get("profile")));
    }

    @Bean
    @Order(0)
    SingleEventUpcaster trainingCompletedEventUpcaster() {
        return new FromRevisionOne(TrainingCompletedEvent.class.getName(), p -> {
            enginePauses(p.get("bestProfile"));
            if (!p.has("startQuality")) {
                p.putNull("startQuality");
            }
            if (!p.has("qualityEnhanced")) {
                p.putNull("qualityEnhanced");
            }
        });
    }

    @Bean
    @Order(0)
    SingleEventUpcaster trainingJobCreatedEventUpcaster() {
        return new FromRevisionOne(TrainingJobCreatedEvent.class.getName(), p -> {
            if (!p.has("buildsClone")) {
                p.put("buildsClone", false);
            }
            if (!p.has("sentencesPerEpoch")) {
                p.put(
                        "sentencesPerEpoch",
                        Math.max(1, p.path("settings").path("batchSize").asInt(1)));
            }
        });
    }

    private static void enginePauses(JsonNode profile) {
        if (profile instanceof ObjectNode p && !p.has("pauseFactor")) {
            p.putNull("pauseFactor");
        }
    }

    /** Revision 1 of one event type to revision 2, by an edit of its JSON payload. */
    static final class FromRevisionOne extends SingleEventUpcaster {
        private final SimpleSerializedType revision1;
        private final SimpleSerializedType revision2;
        private final Consumer<ObjectNode> edit;

        FromRevisionOne(String type, Consumer<ObjectNode> edit) {
            this.revision1 = new SimpleSerializedType(type, "1");
            this.revision2 = new SimpleSerializedType(type, "2");
            this.edit = edit;
        }

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            SerializedType type = event.getType();
            return revision1.getName().equals(type.getName())
                    && revision1.getRevision().equals(type.getRevision());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            return event.upcastPayload(revision2, JsonNode.class, payload -> {
                if (payload instanceof ObjectNode object) {
                    edit.accept(object);
                }
                return payload;
            });
        }
    }
}
