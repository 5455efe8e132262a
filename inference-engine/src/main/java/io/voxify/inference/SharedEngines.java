package io.voxify.inference;

import io.voxify.inference.engine.EspeakEngine;
import io.voxify.inference.engine.FliteEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native engines hold process-wide state (espeak-ng has one global synthesiser, Flite registers
 * voices globally), so every synthesiser in the process shares one instance of each. Once loaded they
 * stay loaded until the process ends: espeak_Terminate was seen to hang for good inside espeak-ng 1.51
 * after synthesis, and initialising a native engine again after terminating it buys nothing.
 */
final class SharedEngines {

    private static final Logger log = LoggerFactory.getLogger(SharedEngines.class);

    private static FliteEngine flite;
    private static boolean fliteMissing;
    private static EspeakEngine espeak;
    private static boolean espeakMissing;
    private static java.nio.file.Path espeakDataRoot;

    private SharedEngines() {}

    /** The shared Flite engine, or null when Flite is not installed. */
    static synchronized FliteEngine acquireFlite() {
        if (flite == null && !fliteMissing) {
            try {
                flite = FliteEngine.load();
            } catch (LinkageError e) {
                fliteMissing = true;
                log.warn("Flite is not available: {}", e.getMessage());
            }
        }
        return flite;
    }

    /** The shared espeak-ng engine, or null when espeak-ng is not installed. */
    /**
     * Where espeak-ng keeps a data directory of its own (for clone variants). Only the first
     * request counts: the engine is initialised once per process.
     */
    static synchronized void requestEspeakDataRoot(java.nio.file.Path root) {
        if (espeakDataRoot == null && root != null) {
            espeakDataRoot = root;
        }
    }

    static synchronized EspeakEngine acquireEspeak() {
        if (espeak == null && !espeakMissing) {
            try {
                espeak = EspeakEngine.load(espeakDataRoot);
            } catch (LinkageError | IllegalStateException e) {
                espeakMissing = true;
                log.warn("espeak-ng is not available: {}", e.getMessage());
            }
        }
        return espeak;
    }
}
