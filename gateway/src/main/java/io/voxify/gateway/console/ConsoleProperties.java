package io.voxify.gateway.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.console}: where the web console's files come from.
 *
 * @param directory for work on the console: a directory (gateway/src/main/resources/static) served before the
 *                  bundled files, so edits show on reload without a rebuild; empty: the bundled files only
 */
@ConfigurationProperties("voxify.console")
public record ConsoleProperties(@DefaultValue("") String directory) {}
