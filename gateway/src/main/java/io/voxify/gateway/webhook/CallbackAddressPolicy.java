package io.voxify.gateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which addresses a webhook may be sent to. Every address is put in one category:
 * <ul>
 * <li>{@link Category#PUBLIC}: always allowed;</li>
 * <li>{@link Category#LOOPBACK} (127.0.0.0/8, ::1): allowed only when the callback URL itself names a
 * loopback host ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}) and loopback callbacks are on
 * (they are by default, for tests and local development); a public-looking name that resolves to
 * loopback is refused, as is any loopback address while they are off, unless private callbacks are allowed;</li>
 * <li>{@link Category#PRIVATE} (10/8, 172.16/12, 192.168/16, 100.64/10 shared, fc00::/7 unique local,
 * fec0::/10 site local) and {@link Category#LINK_LOCAL} (169.254/16 with the cloud metadata address,
 * fe80::/10): refused unless an administrator allows private callbacks;</li>
 * <li>{@link Category#FORBIDDEN} (unspecified 0.0.0.0/8 and ::, multicast 224/4 and ff00::/8,
 * reserved 240/4 with broadcast): always refused.</li>
 * </ul>
 * IPv6 forms that carry an IPv4 address (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) are judged by the IPv4 address inside.
 */
public final class CallbackAddressPolicy {

    public enum Category { PUBLIC, LOOPBACK, PRIVATE, LINK_LOCAL, FORBIDDEN }

    private CallbackAddressPolicy() {
    }

    public static Category classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return classifyV4(b);
        }
        if (address instanceof Inet6Address) {
            return classifyV6(b);
        }
        return Category.FORBIDDEN;
    }

    /**
     * Null when the address may be called for a URL naming {@code urlHost}; otherwise why not.
     */
    public static String refusal(InetAddress address, String urlHost, boolean allowPrivate, boolean allowLoopback) {
        Category category = classify(address);
        String shown = address.getHostAddress();
        return switch (category) {
            case PUBLIC -> null;
            case LOOPBACK -> allowPrivate || (allowLoopback && namesLoopback(urlHost)) ? null
                    : shown + " is a loopback address, allowed only when the callback URL names a loopback host";
            case PRIVATE -> allowPrivate ? null
                    : shown + " is a private address; an administrator can allow private callbacks";
            case LINK_LOCAL -> allowPrivate ? null
                    : shown + " is a link-local address; an administrator can allow private callbacks";
            case FORBIDDEN -> shown + " is an unspecified, multicast or reserved address";
        };
    }

    /** Whether a URL's host (as {@link java.net.URI#getHost()} gives it) names this machine's loopback. */
    public static boolean namesLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        InetAddress literal = literal(h);
        return literal != null && classify(literal) == Category.LOOPBACK;
    }

    /** The address an IP literal host stands for (without any DNS look-up), or null for a name. */
    public static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            if (h.contains(":")) {
                return InetAddress.getByName(h); // IPv6 literal: parsed, never looked up
            }
            if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                byte[] bytes = new byte[4];
                String[] parts = h.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return null;
                    }
                    bytes[i] = (byte) part;
                }
                return InetAddress.getByAddress(bytes);
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    private static Category classifyV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return Category.FORBIDDEN;
        }
        if (a0 == 127) {
            return Category.LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)
                || (a0 == 100 && a1 >= 64 && a1 <= 127)) {
            return Category.PRIVATE;
        }
        if (a0 == 169 && a1 == 254) {
            return Category.LINK_LOCAL;
        }
        if (a0 >= 224) {
            return Category.FORBIDDEN;
        }
        return Category.PUBLIC;
    }

    private static Category classifyV6(byte[] b) {
        boolean firstTenZero = allZero(b, 0, 10);
        if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return classifyV4(Arrays.copyOfRange(b, 12, 16)); // ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 12)) {
            if (allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) {
                return b[15] == 0 ? Category.FORBIDDEN : Category.LOOPBACK; // :: and ::1
            }
            return classifyV4(Arrays.copyOfRange(b, 12, 16)); // ::a.b.c.d (deprecated compatible form)
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            return classifyV4(Arrays.copyOfRange(b, 12, 16)); // 64:ff9b::a.b.c.d (NAT64)
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return classifyV4(Arrays.copyOfRange(b, 2, 6)); // 2002:AABB:CCDD::/48 (6to4)
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff) {
            return Category.FORBIDDEN;
        }
        if ((first & 0xfe) == 0xfc) {
            return Category.PRIVATE;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Category.LINK_LOCAL;
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return Category.PRIVATE;
        }
        return Category.PUBLIC;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
