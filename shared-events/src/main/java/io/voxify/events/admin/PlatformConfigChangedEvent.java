package io.voxify.events.admin;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The whole configuration after a change, the names of the settings that changed, and who changed them. */
@Revision("1")
public record PlatformConfigChangedEvent(String configId, PlatformConfig config, List<String> changed,
                                         String changedBy) {
}
