package io.voxify.inference;

import io.voxify.inference.engine.EspeakEngine;
import io.voxify.inference.engine.FliteEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native engines hold process-wide state (espeak-ng has one global synthesiser, Flite registers
 * voices globally), so every synthesiser in the process shares one instance of each, counted by users and
 * released with the last one.
 */
final class SharedEngines {

    private static final Logger log = LoggerFactory.getLogger(SharedEngines.class);

    private static FliteEngine flite;
    private static int fliteUsers;
    private static boolean fliteMissing;
    private static EspeakEngine espeak;
    private static int espeakUsers;
    private static boolean espeakMissing;

    private SharedEngines() {
    }

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
        if (flite != null) {
            fliteUsers++;
        }
        return flite;
    }

    static synchronized void releaseFlite() {
        if (flite != null && --fliteUsers == 0) {
            flite.close();
            flite = null;
        }
    }

    /** The shared espeak-ng engine, or null when espeak-ng is not installed. */
    static synchronized EspeakEngine acquireEspeak() {
        if (espeak == null && !espeakMissing) {
            try {
                espeak = EspeakEngine.load();
            } catch (LinkageError | IllegalStateException e) {
                espeakMissing = true;
                log.warn("espeak-ng is not available: {}", e.getMessage());
            }
        }
        if (espeak != null) {
            espeakUsers++;
        }
        return espeak;
    }

    static synchronized void releaseEspeak() {
        if (espeak != null && --espeakUsers == 0) {
            espeak.close();
            espeak = null;
        }
    }
}
