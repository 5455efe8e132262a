package io.voxify.gateway.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The shape a callback URL must have when a job is created or updated: absolute, at most
 * {@value #MAX_LENGTH} characters, https (or http to a loopback host, for tests and local development),
 * with a host and without user information. Where it points is checked again at delivery time,
 * against the addresses its host then resolves to (see {@link CallbackAddressPolicy}).
 */
public final class CallbackUrls {
    public static final int MAX_LENGTH = 2048;

    private CallbackUrls() {
    }

    /** Null when the URL is acceptable; otherwise what is wrong with it. */
    public static String problem(String url) {
        if (url.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute http(s) URL";
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !("https".equals(scheme) || "http".equals(scheme))) {
            return "must be an absolute https URL (http only to a loopback host)";
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
        if ("http".equals(scheme) && !CallbackAddressPolicy.namesLoopback(uri.getHost())) {
            return "must use https; plain http is allowed only to a loopback host (localhost, 127.0.0.1, [::1])";
        }
        return null;
    }
}
