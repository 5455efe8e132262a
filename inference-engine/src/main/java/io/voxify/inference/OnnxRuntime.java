package io.voxify.inference;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process's one ONNX Runtime environment, created on a thread with a deep stack. Creating
 * it initialises the native library, whose start-up recursion has overflowed an ordinary
 * thread's stack (a SIGSEGV inside {@code OrtEnvironment.createHandle}, about 11,750 native
 * frames deep, seen with the default and with 4 MB stacks; 8 MB sufficed). Every user of ONNX
 * Runtime in the process, the text embedder's library included, gets this same environment.
 */
public final class OnnxRuntime {
    private static final long STACK_BYTES = 32L << 20;
    private static volatile OrtEnvironment environment;

    private OnnxRuntime() {}

    public static OrtEnvironment environment() {
        OrtEnvironment current = environment;
        if (current != null) {
            return current;
        }
        synchronized (OnnxRuntime.class) {
            if (environment == null) {
                AtomicReference<OrtEnvironment> made = new AtomicReference<>();
                AtomicReference<Throwable> failed = new AtomicReference<>();
                Thread creator = new Thread(
                        null,
                        () -> {
                            try {
                                made.set(OrtEnvironment.getEnvironment());
                            } catch (Throwable t) {
                                failed.set(t);
                            }
                        },
                        "onnxruntime-init",
                        STACK_BYTES);
                creator.start();
                try {
                    creator.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while starting ONNX Runtime", e);
                }
                if (failed.get() != null) {
                    throw new IllegalStateException("ONNX Runtime could not start", failed.get());
                }
                environment = made.get();
            }
            return environment;
        }
    }
}
