package io.voxify.inference.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The C library's one random generator, which both native engines draw from: Flite's excitation noise and
 * espeak-ng's. Flite seeds it before every utterance so one text always sounds the same; an espeak-ng call on
 * another thread in between would move the sequence on and change Flite's output (seen as a training loss that
 * differed between two identical runs). So the two engines take turns on this one lock: each was one call at a
 * time already, now they are one call at a time together.
 */
final class NativeRandomness {
    static final ReentrantLock LOCK = new ReentrantLock();

    private NativeRandomness() {}
}
