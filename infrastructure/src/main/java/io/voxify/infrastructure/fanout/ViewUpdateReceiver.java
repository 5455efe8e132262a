package io.voxify.infrastructure.fanout;

/** Where a node's {@link ViewFanout} adapter hands the view updates that other nodes made. */
@FunctionalInterface
public interface ViewUpdateReceiver {

    /** Emits another node's update to this node's subscribers. */
    void receive(ViewFanout.ViewUpdate update);
}
