package io.voxify.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void ipv6AddressesCountByTheirSlash64AndIpv4ByTheWholeAddress() {
        assertThat(ClientAddress.limitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(ClientAddress.limitKey("2001:db8:1:2::1"))
                .isEqualTo("20010db800010002::/64");
        assertThat(ClientAddress.limitKey("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.limitKey("2001:db8:1:2::1"));
        assertThat(ClientAddress.limitKey("0:0:0:0:0:0:0:1")).isEqualTo("0000000000000000::/64");
        assertThat(ClientAddress.limitKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.limitKey("::ffff:203.0.113.7"))
                .as("IPv4-mapped")
                .isEqualTo("203.0.113.7");
        assertThat(ClientAddress.limitKey(null)).isNull();
    }
}
