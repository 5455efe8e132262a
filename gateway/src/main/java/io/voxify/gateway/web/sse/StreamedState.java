package io.voxify.gateway.web.sse;

/**
 * One state of a view as its progress stream writes it: a record, written as JSON. A view changes for reasons its
 * stream does not show (another field of the read model, a redelivered event), so a state is sent only when it
 * differs from the one sent before it in more than the time it was written.
 */
public interface StreamedState {
    /**
     * What of this state is compared with the state sent before it: all of it but its {@code updated_at}, if it has
     * one.
     */
    Object withoutTime();
}
