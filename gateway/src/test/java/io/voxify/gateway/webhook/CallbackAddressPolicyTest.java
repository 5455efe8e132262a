package io.voxify.gateway.webhook;

import static io.voxify.gateway.webhook.CallbackAddressPolicy.Category.FORBIDDEN;
import static io.voxify.gateway.webhook.CallbackAddressPolicy.Category.LINK_LOCAL;
import static io.voxify.gateway.webhook.CallbackAddressPolicy.Category.LOOPBACK;
import static io.voxify.gateway.webhook.CallbackAddressPolicy.Category.PRIVATE;
import static io.voxify.gateway.webhook.CallbackAddressPolicy.Category.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxify.gateway.webhook.CallbackAddressPolicy.Category;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CallbackAddressPolicyTest {

    private static InetAddress ip(String literal) {
        InetAddress address = CallbackAddressPolicy.literal(literal);
        assertThat(address).as(literal).isNotNull();
        return address;
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
            "8.8.8.8, PUBLIC", "93.184.216.34, PUBLIC", "172.15.255.255, PUBLIC", "172.32.0.1, PUBLIC",
            "100.63.255.255, PUBLIC", "100.128.0.1, PUBLIC", "2606:4700::1111, PUBLIC",
            "127.0.0.1, LOOPBACK", "127.255.0.9, LOOPBACK", "::1, LOOPBACK", "[::1], LOOPBACK",
            "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.254, PRIVATE",
            "192.168.1.1, PRIVATE", "100.64.0.1, PRIVATE", "100.127.255.255, PRIVATE",
            "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE", "fec0::1, PRIVATE",
            "169.254.169.254, LINK_LOCAL", "169.254.0.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
            "0.0.0.0, FORBIDDEN", "0.1.2.3, FORBIDDEN", "::, FORBIDDEN", "224.0.0.1, FORBIDDEN",
            "239.255.255.250, FORBIDDEN", "255.255.255.255, FORBIDDEN", "240.0.0.1, FORBIDDEN", "ff02::1, FORBIDDEN",
            // IPv6 forms carrying IPv4 addresses are judged by the IPv4 inside
            "::ffff:10.0.0.1, PRIVATE", "::ffff:127.0.0.1, LOOPBACK", "::ffff:169.254.169.254, LINK_LOCAL",
            "::ffff:8.8.8.8, PUBLIC", "::10.0.0.1, PRIVATE", "64:ff9b::a9fe:a9fe, LINK_LOCAL",
            "64:ff9b::808:808, PUBLIC", "2002:0a00:0001::1, PRIVATE", "2002:7f00:0001::1, LOOPBACK"})
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
        assertThat(CallbackAddressPolicy.classify(InetAddress.getByAddress(mapped))).isEqualTo(PRIVATE);
    }

    @Test
    void privateAndLinkLocalNeedTheAdministratorsPermission() throws UnknownHostException {
        for (InetAddress address : new InetAddress[]{ip("10.0.0.1"), ip("169.254.169.254"), ip("fd00::5"),
                named("intranet.example.com", 192, 168, 0, 10)}) {
            assertThat(CallbackAddressPolicy.refusal(address, "intranet.example.com", false, true))
                    .as(address.toString()).contains("administrator can allow private callbacks");
            assertThat(CallbackAddressPolicy.refusal(address, "intranet.example.com", true, true))
                    .as(address.toString()).isNull();
        }
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefused() throws UnknownHostException {
        InetAddress resolved = named("hooks.example.com", 10, 1, 2, 3);
        assertThat(CallbackAddressPolicy.refusal(resolved, "hooks.example.com", false, true))
                .isEqualTo("10.1.2.3 is a private address; an administrator can allow private callbacks");
    }

    @Test
    void loopbackOnlyWhenTheUrlNamesIt() throws UnknownHostException {
        InetAddress loopback = ip("127.0.0.1");
        assertThat(CallbackAddressPolicy.refusal(loopback, "127.0.0.1", false, true)).isNull();
        assertThat(CallbackAddressPolicy.refusal(loopback, "localhost", false, true)).isNull();
        assertThat(CallbackAddressPolicy.refusal(ip("::1"), "[::1]", false, true)).isNull();
        // a public-looking name re-pointed at this machine
        assertThat(CallbackAddressPolicy.refusal(named("hooks.example.com", 127, 0, 0, 1), "hooks.example.com",
                false, true)).contains("loopback");
        // loopback callbacks switched off by the operator
        assertThat(CallbackAddressPolicy.refusal(loopback, "127.0.0.1", false, false)).contains("loopback");
        assertThat(CallbackAddressPolicy.refusal(loopback, "127.0.0.1", true, false)).isNull();
    }

    @Test
    void forbiddenAddressesStayRefusedEvenWhenPrivateCallbacksAreAllowed() {
        for (String literal : new String[]{"0.0.0.0", "::", "224.0.0.251", "ff02::1", "255.255.255.255"}) {
            assertThat(CallbackAddressPolicy.refusal(ip(literal), literal, true, true)).as(literal)
                    .contains("unspecified, multicast or reserved");
        }
    }

    @Test
    void publicAddressesAreAlwaysAllowed() {
        assertThat(CallbackAddressPolicy.refusal(ip("8.8.8.8"), "dns.google", false, false)).isNull();
        assertThat(CallbackAddressPolicy.classify(ip("1.1.1.1"))).isEqualTo(PUBLIC);
    }

    @Test
    void urlsAreCheckedForTheirShape() {
        assertThat(CallbackUrls.problem("https://hooks.example.com/voxify?x=1")).isNull();
        assertThat(CallbackUrls.problem("http://127.0.0.1:8080/hook")).isNull();
        assertThat(CallbackUrls.problem("http://localhost/hook")).isNull();
        assertThat(CallbackUrls.problem("http://[::1]:9000/hook")).isNull();
        assertThat(CallbackUrls.problem("HTTPS://Hooks.Example.com/")).isNull();
        assertThat(CallbackUrls.problem("http://hooks.example.com/")).contains("must use https");
        assertThat(CallbackUrls.problem("http://10.0.0.1/")).contains("must use https");
        assertThat(CallbackUrls.problem("ftp://hooks.example.com/")).contains("https");
        assertThat(CallbackUrls.problem("https://user:pw@hooks.example.com/")).contains("user information");
        assertThat(CallbackUrls.problem("http://user@127.0.0.1/")).contains("user information");
        assertThat(CallbackUrls.problem("/relative/path")).contains("absolute");
        assertThat(CallbackUrls.problem("https:///nohost")).contains("host");
        assertThat(CallbackUrls.problem("not a url")).isNotNull();
        assertThat(CallbackUrls.problem("https://hooks.example.com/" + "a".repeat(2048))).contains("2048");
        assertThat(CallbackUrls.problem("https://hooks.example.com/#frag")).contains("fragment");
    }

    @Test
    void categoriesAreExhaustive() {
        assertThat(Category.values()).containsExactly(PUBLIC, LOOPBACK, PRIVATE, LINK_LOCAL, FORBIDDEN);
    }
}
