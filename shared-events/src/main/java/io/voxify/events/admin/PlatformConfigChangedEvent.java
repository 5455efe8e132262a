package io.voxify.events.admin;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The whole configuration after a change, the names of the settings that changed, and who changed them.
 * Revision 2: the config gained the quotas of processing, clones and training and the per-user caps
 * (revision 1 events are upcast with the node's defaults for them).
 */
@Revision("2")
public record PlatformConfigChangedEvent(
        String configId, PlatformConfig config, List<String> changed, String changedBy) {}
