package io.voxify.gateway.file;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.files}: how audio files are handed to browsers.
 *
 * @param linkTtl how long a signed link to one audio file stays valid after it is issued
 */
@ConfigurationProperties("voxify.files")
public record FileProperties(@DefaultValue("PT1H") Duration linkTtl) {}
