package io.voxify.infrastructure.webhook;

import static io.voxify.infrastructure.webhook.CallbackAddressPolicy.Category.FORBIDDEN;
import static io.voxify.infrastructure.webhook.CallbackAddressPolicy.Category.LINK_LOCAL;
import static io.voxify.infrastructure.webhook.CallbackAddressPolicy.Category.LOOPBACK;
import static io.voxify.infrastructure.webhook.CallbackAddressPolicy.Category.PRIVATE;
import static io.voxify.infrastructure.webhook.CallbackAddressPolicy.Category.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.infrastructure.webhook.CallbackAddressPolicy.Category;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallbackAddressPolicyTest {

    private static InetAddress ip(String literal) {
        List<InetAddress> readings = CallbackAddressPolicy.readings(literal);
        assertThat(readings).as(literal).hasSize(1);
        return readings.get(0);
    }

    /** A name that resolved to these bytes, as DNS would hand it over. */
    private static InetAddress named(String name, int... bytes) throws UnknownHostException {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return InetAddress.getByAddress(name, raw);
    }

    @ParameterizedTest
    @CsvSource({
        "8.8.8.8, PUBLIC",
        "93.184.216.34, PUBLIC",
        "172.15.255.255, PUBLIC",
        "172.32.0.1, PUBLIC",
        "100.63.255.255, PUBLIC",
        "100.128.0.1, PUBLIC",
        "2606:4700::1111, PUBLIC",
        "127.0.0.1, LOOPBACK",
        "127.255.0.9, LOOPBACK",
        "::1, LOOPBACK",
        "[::1], LOOPBACK",
        "10.0.0.1, PRIVATE",
        "10.255.255.255, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.254, PRIVATE",
        "192.168.1.1, PRIVATE",
        "100.64.0.1, PRIVATE",
        "100.127.255.255, PRIVATE",
        "fc00::1, PRIVATE",
        "fd12:3456::1, PRIVATE",
        "fec0::1, PRIVATE",
        "169.254.169.254, LINK_LOCAL",
        "169.254.0.1, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "febf::1, LINK_LOCAL",
        "0.0.0.0, FORBIDDEN",
        "0.1.2.3, FORBIDDEN",
        "::, FORBIDDEN",
        "224.0.0.1, FORBIDDEN",
        "239.255.255.250, FORBIDDEN",
        "255.255.255.255, FORBIDDEN",
        "240.0.0.1, FORBIDDEN",
        "ff02::1, FORBIDDEN",
        // IPv6 forms carrying IPv4 addresses are judged by the IPv4 inside
        "::ffff:10.0.0.1, PRIVATE",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:169.254.169.254, LINK_LOCAL",
        "::ffff:8.8.8.8, PUBLIC",
        "::10.0.0.1, PRIVATE",
        "64:ff9b::a9fe:a9fe, LINK_LOCAL",
        "64:ff9b::808:808, PUBLIC",
        "2002:0a00:0001::1, PRIVATE",
        "2002:7f00:0001::1, LOOPBACK"
    })
    void everyAddressHasOneCategory(String literal, Category expected) {
        assertThat(CallbackAddressPolicy.classify(ip(literal))).as(literal).isEqualTo(expected);
    }

    @Test
    void ipv4MappedBytesFromTheWireAreJudgedAsIpv4() throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        assertThat(CallbackAddressPolicy.classify(InetAddress.getByAddress(mapped)))
                .isEqualTo(PRIVATE);
    }

    @Test
    void loopbackPrivateAndLinkLocalNeedTheAdministratorsPermission() throws UnknownHostException {
        for (InetAddress address : new InetAddress[] {
            ip("127.0.0.1"),
            ip("::1"),
            ip("10.0.0.1"),
            ip("169.254.169.254"),
            ip("fd00::5"),
            named("intranet.example.com", 192, 168, 0, 10)
        }) {
            assertThat(CallbackAddressPolicy.refusal(address, false))
                    .as(address.toString())
                    .matches(".* is a (loopback|private|link-local) address");
            assertThat(CallbackAddressPolicy.refusal(address, true))
                    .as(address.toString())
                    .isNull();
        }
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefused() throws UnknownHostException {
        assertThat(CallbackAddressPolicy.refusal(named("hooks.example.com", 10, 1, 2, 3), false))
                .isEqualTo("10.1.2.3 is a private address");
        assertThat(CallbackAddressPolicy.refusal(named("hooks.example.com", 127, 0, 0, 1), false))
                .isEqualTo("127.0.0.1 is a loopback address");
    }

    @Test
    void forbiddenAddressesStayRefusedEvenWhenPrivateCallbacksAreAllowed() {
        for (String literal : new String[] {"0.0.0.0", "::", "224.0.0.251", "ff02::1", "255.255.255.255"}) {
            assertThat(CallbackAddressPolicy.refusal(ip(literal), true))
                    .as(literal)
                    .contains("unspecified, multicast or reserved");
        }
    }

    @Test
    void publicAddressesAreAlwaysAllowed() {
        assertThat(CallbackAddressPolicy.refusal(ip("8.8.8.8"), false)).isNull();
        assertThat(CallbackAddressPolicy.classify(ip("1.1.1.1"))).isEqualTo(PUBLIC);
    }

    /** Every spelling of an IPv4 address that inet_aton or Java accepts is read, ambiguous ones both ways. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2130706433 | 127.0.0.1",
                "0x7f000001 | 127.0.0.1",
                "017700000001 | 127.0.0.1",
                "0x7f.1 | 127.0.0.1",
                "127.1 | 127.0.0.1",
                "127.0.1 | 127.0.0.1",
                "0x7F.0.0.0x1 | 127.0.0.1",
                "127.000.000.001 | 127.0.0.1",
                "127.0.0.1. | 127.0.0.1",
                "0 | 0.0.0.0",
                "0x | 0.0.0.0",
                "0177.0.0.1 | 127.0.0.1 177.0.0.1",
                "010.0.0.1 | 8.0.0.1 10.0.0.1",
                "167772161 | 10.0.0.1",
                "0xa9.0xfe.0xa9.0xfe | 169.254.169.254",
                "2852039166 | 169.254.169.254",
                "[::ffff:127.0.0.1] | 127.0.0.1",
                "[::ffff:7f00:1] | 127.0.0.1",
                "[::1] | 0:0:0:0:0:0:0:1",
                "[fe80::1%25eth0] | fe80:0:0:0:0:0:0:1"
            })
    void ipv4AndIpv6SpellingsAreReadWithoutALookUp(String host, String expected) {
        assertThat(CallbackAddressPolicy.readings(host))
                .extracting(InetAddress::getHostAddress)
                .as(host)
                .containsExactlyInAnyOrder(expected.split(" "));
    }

    @ParameterizedTest
    @CsvSource({
        "hooks.example.com",
        "deadbeef.cafe",
        "1.2.3.4.5",
        "256.1.1.1",
        "0x1ffffffff",
        "1.2.3.0x100",
        "08.1.1.1x",
        "example",
        "xn--bcher-kva.example"
    })
    void namesAndImpossibleNumbersAreNotLiterals(String host) {
        assertThat(CallbackAddressPolicy.readings(host)).as(host).isEmpty();
    }

    @Test
    void literalHostsAreJudgedBeforeAnyLookUp() {
        for (String host : new String[] {
            "127.0.0.1",
            "localhost",
            "LOCALHOST.",
            "api.localhost",
            "[::1]",
            "2130706433",
            "0x7f.1",
            "10.0.0.1",
            "0177.0.0.1",
            "010.0.0.1",
            "192.168.1.20",
            "172.16.0.1",
            "169.254.169.254",
            "[fe80::1]",
            "[fd00::1]",
            "[::ffff:10.0.0.1]",
            "[::ffff:169.254.169.254]"
        }) {
            assertThat(CallbackAddressPolicy.hostRefusal(host, false)).as(host).isNotNull();
            assertThat(CallbackAddressPolicy.hostRefusal(host, true)).as(host).isNull();
        }
        assertThat(CallbackAddressPolicy.hostRefusal("0177.0.0.1", false))
                .isEqualTo("0177.0.0.1 can be read as 127.0.0.1, a loopback address");
        assertThat(CallbackAddressPolicy.hostRefusal("10.0.0.1", false)).isEqualTo("10.0.0.1 is a private address");
        for (String host : new String[] {"0.0.0.0", "0", "[::]", "224.0.0.1", "255.255.255.255"}) {
            assertThat(CallbackAddressPolicy.hostRefusal(host, true)).as(host).contains("reserved");
        }
        for (String host :
                new String[] {"hooks.example.com", "8.8.8.8", "[2606:4700::1111]", "localhost.example.com"}) {
            assertThat(CallbackAddressPolicy.hostRefusal(host, false)).as(host).isNull();
        }
    }

    @Test
    void categoriesAreExhaustive() {
        assertThat(Category.values()).containsExactly(PUBLIC, LOOPBACK, PRIVATE, LINK_LOCAL, FORBIDDEN);
    }
}
