package io.voxify.infrastructure.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses a webhook may be sent to. Every address is put in one category:
 * <ul>
 * <li>{@link Category#PUBLIC}: always allowed;</li>
 * <li>{@link Category#LOOPBACK} (127.0.0.0/8, ::1), {@link Category#PRIVATE} (10/8, 172.16/12, 192.168/16,
 * 100.64/10 shared, fc00::/7 unique local, fec0::/10 site local) and {@link Category#LINK_LOCAL}
 * (169.254/16 with the cloud metadata address, fe80::/10): refused unless an administrator allows private
 * callbacks (for development: the server would otherwise reach its own services and its network's);</li>
 * <li>{@link Category#FORBIDDEN} (unspecified 0.0.0.0/8 and ::, multicast 224/4 and ff00::/8,
 * reserved 240/4 with broadcast): always refused.</li>
 * </ul>
 * IPv6 forms that carry an IPv4 address (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) are judged by the IPv4 address inside.
 */
public final class CallbackAddressPolicy {

    public enum Category {
        PUBLIC,
        LOOPBACK,
        PRIVATE,
        LINK_LOCAL,
        FORBIDDEN
    }

    private CallbackAddressPolicy() {}

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

    /** Null when a webhook may be sent to the address; otherwise why not (for logs and messages). */
    public static String refusal(InetAddress address, boolean allowPrivate) {
        String kind = refusedKind(address, allowPrivate);
        return kind == null ? null : address.getHostAddress() + " is " + kind;
    }

    /** "a loopback address" and the like when the address is refused, null when it is allowed. */
    private static String refusedKind(InetAddress address, boolean allowPrivate) {
        return switch (classify(address)) {
            case PUBLIC -> null;
            case LOOPBACK -> allowPrivate ? null : "a loopback address";
            case PRIVATE -> allowPrivate ? null : "a private address";
            case LINK_LOCAL -> allowPrivate ? null : "a link-local address";
            case FORBIDDEN -> "an unspecified, multicast or reserved address";
        };
    }

    /**
     * Null when a callback URL naming {@code host} (as {@link java.net.URI#getHost()} gives it) may be
     * accepted before any DNS look-up; otherwise why not. A name is judged only when it is {@code localhost}
     * or under {@code .localhost} (which resolvers answer with loopback); an IP literal is judged by every
     * address it can be read as (see {@link #readings}), so an ambiguous spelling is refused when any
     * reading of it is.
     */
    public static String hostRefusal(String host, boolean allowPrivate) {
        String h = withoutRootDot(host.toLowerCase(Locale.ROOT));
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return allowPrivate ? null : host + " names this machine (loopback)";
        }
        List<InetAddress> readings = readings(host);
        for (InetAddress address : readings) {
            String kind = refusedKind(address, allowPrivate);
            if (kind != null) {
                boolean plain = host.contains(":")
                        || readings.size() == 1 && address.getHostAddress().equals(h);
                return plain
                        ? host + " is " + kind
                        : host + " can be read as " + address.getHostAddress() + ", " + kind;
            }
        }
        return null;
    }

    /**
     * Every address an IP literal host can stand for, without any DNS look-up; empty for a name. IPv6
     * literals (with or without brackets, a zone id dropped) have one reading. IPv4 literals are read the
     * way {@code inet_aton} does (one to four parts, the last filling the remaining bytes; each part decimal,
     * octal with a leading 0, or hex with 0x), and also with every part decimal, as Java reads
     * {@code 0177.0.0.1}: a client library, a proxy or this JVM may each pick either.
     */
    public static List<InetAddress> readings(String host) {
        List<InetAddress> readings = new ArrayList<>();
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.contains(":")) {
            int zone = h.indexOf('%');
            String bare = zone >= 0 ? h.substring(0, zone) : h;
            if (bare.matches("[0-9A-Fa-f:.]+")) {
                try {
                    readings.add(InetAddress.getByName("[" + bare + "]")); // bracketed: parsed, never looked up
                } catch (UnknownHostException notAnAddress) {
                    // not an IPv6 literal after all: a name, judged when it is resolved
                }
            }
            return readings;
        }
        h = withoutRootDot(h);
        addIfValid(readings, ipv4(h, false));
        addIfValid(readings, ipv4(h, true));
        return readings;
    }

    private static void addIfValid(List<InetAddress> readings, byte[] bytes) {
        if (bytes == null) {
            return;
        }
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            if (!readings.contains(address)) {
                readings.add(address);
            }
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String withoutRootDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** The four bytes of an IPv4 literal in the one-to-four-part notation, or null when it is not one. */
    private static byte[] ipv4(String h, boolean allDecimal) {
        if (h.isEmpty() || h.length() > 64 || !h.matches("[0-9A-Fa-fXx.]+")) {
            return null;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = allDecimal ? decimal(parts[i]) : number(parts[i]);
            if (value == null) {
                return null;
            }
            values[i] = value;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return null;
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        if (last > (0xffffffffL >>> (8 * (parts.length - 1)))) {
            return null;
        }
        address |= last;
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    private static Long decimal(String part) {
        if (part.isEmpty() || part.length() > 12 || !part.matches("\\d+")) {
            return null;
        }
        return Long.parseLong(part);
    }

    private static Long number(String part) {
        String p = part.toLowerCase(Locale.ROOT);
        try {
            if (p.startsWith("0x")) {
                String digits = p.substring(2);
                if (digits.length() > 8 || !digits.matches("[0-9a-f]*")) {
                    return null;
                }
                return digits.isEmpty() ? 0L : Long.parseLong(digits, 16);
            }
            if (p.length() > 1 && p.startsWith("0")) {
                return p.length() > 12 || !p.matches("[0-7]+") ? null : Long.parseLong(p, 8);
            }
            return decimal(p);
        } catch (NumberFormatException e) {
            return null;
        }
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
        if (a0 == 10
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 168)
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
        if ((b[0] & 0xff) == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
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
