package io.voxify.inference.piper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The generated stand-in voice, copied out of the test classpath into a directory of the test's. */
final class PiperTestFiles {

    static final String STANDIN = "standin.onnx";

    private PiperTestFiles() {}

    static byte[] resource(String name) {
        try (InputStream in = PiperTestFiles.class.getResourceAsStream("/piper/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /piper/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes standin.onnx and standin.onnx.json into {@code dir}; returns the model's path. */
    static Path standin(Path dir) throws IOException {
        Files.write(dir.resolve(STANDIN + ".json"), resource(STANDIN + ".json"));
        return Files.write(dir.resolve(STANDIN), resource(STANDIN));
    }
}
