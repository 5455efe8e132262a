package io.voxify.gateway.webhook;

import io.voxify.infrastructure.webhook.CallbackAddressPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The shape a callback URL must have when a job is created or updated: absolute, at most
 * {@value #MAX_LENGTH} characters, with a host and without user information or fragment, https, and
 * not naming this machine or a private network by a literal address or {@code localhost}. While an
 * administrator allows private callbacks (for development) plain http and such hosts are accepted too.
 * Where a name points is checked at delivery time, against the addresses it then resolves to
 * (see {@link CallbackAddressPolicy}).
 */
public final class CallbackUrls {
    public static final int MAX_LENGTH = 2048;
    static final String SWITCH = "an administrator allows private callbacks (allow_private_callbacks, for development)";

    private CallbackUrls() {}

    /** Null when the URL is acceptable; otherwise what is wrong with it. */
    public static String problem(String url, boolean allowPrivate) {
        if (url.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute https URL";
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !("https".equals(scheme) || "http".equals(scheme))) {
            return "must be an absolute https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain user information";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "must name a host";
        }
        if (uri.getRawFragment() != null) {
            return "must not contain a fragment";
        }
        if ("http".equals(scheme) && !allowPrivate) {
            return "must use https; plain http is accepted only while " + SWITCH;
        }
        String refused = CallbackAddressPolicy.hostRefusal(uri.getHost(), allowPrivate);
        if (refused != null) {
            return refused.endsWith("reserved address")
                    ? "cannot be called: " + refused
                    : "must not point at this machine or a private network (" + refused + ") unless " + SWITCH;
        }
        return null;
    }
}
