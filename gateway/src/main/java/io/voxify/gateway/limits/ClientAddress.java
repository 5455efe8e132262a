package io.voxify.gateway.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The part of a client's address that per-address limits count. One IPv6 subscriber usually holds
 * a whole /64 and can pick any address in it, so IPv6 addresses are counted by their /64 prefix;
 * IPv4 addresses (and IPv4-mapped IPv6 ones) are counted whole.
 */
final class ClientAddress {

    private ClientAddress() {}

    static String limitKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return remoteAddress;
        }
        try {
            // A literal address (it contains ':'), so no name is looked up.
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] prefix = new byte[8];
            System.arraycopy(address.getAddress(), 0, prefix, 0, 8);
            return HexFormat.of().formatHex(prefix) + "::/64";
        } catch (UnknownHostException notAnAddress) {
            return remoteAddress;
        }
    }
}
