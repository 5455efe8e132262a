package io.voxify.events.clone;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateVoiceCloneCommand(@TargetAggregateIdentifier String cloneId, String userId,
                                      List<String> sampleIds, String name, String description, String language) {
}
