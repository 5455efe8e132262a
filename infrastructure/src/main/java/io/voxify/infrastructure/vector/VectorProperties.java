package io.voxify.infrastructure.vector;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.vectors}: where speaker embeddings are kept and searched.
 *
 * @param type {@code relational} (a table of the database, searched in memory: the embedded default) or
 *             {@code chroma} (a Chroma server, HTTP API v2)
 */
@ConfigurationProperties("voxify.vectors")
public record VectorProperties(
        @DefaultValue("relational") String type,
        @DefaultValue Chroma chroma) {

    /** @param collection a prefix: one collection per embedding size, e.g. {@code voxify_speakers_64d} */
    public record Chroma(
            @DefaultValue("http://127.0.0.1:8000") URI url,
            @DefaultValue("default_tenant") String tenant,
            @DefaultValue("default_database") String database,
            @DefaultValue("voxify_speakers") String collection,
            @DefaultValue("PT10S") Duration timeout) {}
}
