package io.voxify.infrastructure;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a node keeps what it owns on disk: {@code voxify.data-dir} (blobs on the embedded profile, the event
 * store's SQLite file, espeak-ng voice variants, signing keys) and {@code voxify.models-dir} (Piper voices).
 */
@ConfigurationProperties("voxify")
public record DataDirectories(@DefaultValue("./data") Path dataDir, Path modelsDir) {

    public DataDirectories {
        modelsDir = modelsDir == null ? dataDir.resolve("models") : modelsDir;
    }
}
