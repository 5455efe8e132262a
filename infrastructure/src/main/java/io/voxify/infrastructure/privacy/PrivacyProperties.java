package io.voxify.infrastructure.privacy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The personal-data keys ({@code voxify.privacy}).
 *
 * @param masterKey       base64 of the 32-byte key that wraps every personal-data key; empty: made once and kept in
 *                        the data directory ({@code keys/personal-data-master.key}). Nodes that share a database
 *                        must share it ({@code VOXIFY_PRIVACY_MASTER_KEY}); losing it loses every personal field.
 * @param previousMasterKeys base64 of master keys that only open (during a rotation, until the rewrap step ran:
 *                        README, Privacy); {@code VOXIFY_PRIVACY_PREVIOUS_MASTER_KEYS}, comma-separated
 * @param rotateMasterKey run the rotation step ({@code make rotate-master-key}) and stop
 * @param keyCacheSize    how many unwrapped keys a node keeps in memory
 * @param keyCacheTtl     how long it keeps one: the longest a key destroyed on one node still opens on another that
 *                        missed the announcement of its destruction (or, without {@code keyFanout}, on any other)
 * @param keyFanout       how other nodes hear of destroyed keys: {@code none} (one node: the embedded default) or
 *                        {@code redis} (publish/subscribe on {@code keyFanoutChannel}: the infra profile)
 * @param keyFanoutChannel the Redis channel every node announces destroyed keys on and listens to
 */
@ConfigurationProperties("voxify.privacy")
public record PrivacyProperties(
        String masterKey,
        @DefaultValue List<String> previousMasterKeys,
        @DefaultValue("false") boolean rotateMasterKey,
        @DefaultValue("20000") long keyCacheSize,
        @DefaultValue("PT1M") Duration keyCacheTtl,
        @DefaultValue("none") String keyFanout,
        @DefaultValue("voxify:destroyed-keys") String keyFanoutChannel) {
    static final Set<String> KEY_FANOUTS = Set.of("none", "redis");

    public PrivacyProperties {
        // A misspelt value would quietly leave other nodes opening erased data for a minute: refuse to start.
        if (!KEY_FANOUTS.contains(keyFanout)) {
            throw new IllegalArgumentException(
                    "voxify.privacy.key-fanout must be none or redis, not '" + keyFanout + "'");
        }
    }
}
