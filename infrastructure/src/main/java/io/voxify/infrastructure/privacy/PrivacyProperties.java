package io.voxify.infrastructure.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The personal-data keys ({@code voxify.privacy}).
 *
 * @param masterKey    base64 of the 32-byte key that wraps every personal-data key; empty: made once and kept in
 *                     the data directory ({@code keys/personal-data-master.key}). Nodes that share a database
 *                     must share it ({@code VOXIFY_PRIVACY_MASTER_KEY}); losing it loses every personal field.
 * @param keyCacheSize how many unwrapped keys a node keeps in memory
 * @param keyCacheTtl  how long it keeps one: the longest a key destroyed on one node still opens on another
 */
@ConfigurationProperties("voxify.privacy")
public record PrivacyProperties(
        String masterKey,
        @DefaultValue("20000") long keyCacheSize,
        @DefaultValue("PT1M") Duration keyCacheTtl) {}
