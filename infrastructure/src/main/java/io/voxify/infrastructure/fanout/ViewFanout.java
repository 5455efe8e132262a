package io.voxify.infrastructure.fanout;

/**
 * Carries view updates to the other nodes of an installation, so a client subscribed on any API
 * node (an SSE progress stream, a request awaiting its new view) sees changes that a projection
 * made on another node. The embedded profile has one node and needs none.
 */
public interface ViewFanout {

    /** Sends the update to every other node; called after the projection's transaction committed. */
    void publish(ViewUpdate update);

    /**
     * One change of one view: the subscription-query type and the key it asks for, and either the
     * new view ({@code viewType} and its JSON) or the end of the view ({@code complete}).
     */
    record ViewUpdate(
            String origin, String queryType, String key, String viewType, String viewJson, boolean complete) {}
}
