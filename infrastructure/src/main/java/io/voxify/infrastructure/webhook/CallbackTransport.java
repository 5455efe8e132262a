package io.voxify.infrastructure.webhook;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * One webhook call to a client's callback URL: the host resolved, every address it resolves to checked against
 * the {@link CallbackAddressPolicy}, the body POSTed to the address that was checked. What the receiver sent
 * back beyond its status is never part of the outcome.
 */
public interface CallbackTransport {

    /**
     * Makes one attempt; never throws. The request is made only once the addresses passed the policy, so a
     * refused address costs no rendering of the body; a request that cannot be made is an outcome too.
     */
    Outcome post(URI callback, boolean allowPrivate, RequestMaker request);

    /** The headers and body of one call, made when the call is about to go out. */
    @FunctionalInterface
    interface RequestMaker {
        Request make() throws IOException;
    }

    record Request(Map<String, String> headers, byte[] body) {}

    /**
     * What one attempt came to.
     *
     * @param status  the receiver's HTTP status, null when none was read
     * @param error   a {@code io.voxify.events.webhook.WebhookErrors} category, null when a 2xx was read
     * @param abandon why no further attempt should be made (a refused address, 410 Gone), or null
     */
    record Outcome(Integer status, String error, String abandon) {

        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }
}
