package io.voxify.inference.piper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Piper voices in one directory: every {@code name.onnx} that has its {@code name.onnx.json}. */
public final class PiperVoices {
    private static final Logger log = LoggerFactory.getLogger(PiperVoices.class);

    private PiperVoices() {}

    /** Voice name (file name without .onnx) to the loaded voice; a voice that fails to load is skipped and logged. */
    public static Map<String, PiperVoice> load(Path directory) {
        Map<String, PiperVoice> voices = new LinkedHashMap<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return voices;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path model : files.filter(p -> p.getFileName().toString().endsWith(".onnx"))
                    .sorted()
                    .toList()) {
                Path config = model.resolveSibling(model.getFileName() + ".json");
                if (!Files.isRegularFile(config)) {
                    continue;
                }
                String name = model.getFileName().toString().replaceFirst("\\.onnx$", "");
                try {
                    voices.put(name, PiperVoice.load(model, config));
                } catch (RuntimeException e) {
                    log.warn("Piper voice {} could not be loaded: {}", model, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list Piper voices in " + directory, e);
        }
        return voices;
    }
}
