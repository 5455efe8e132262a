package io.voxify.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Callback URLs are refused at job creation for their shape and, where the host is literal, its address. */
class CallbackUrlsTest {

    @Test
    void urlsAreCheckedForTheirShape() {
        assertThat(CallbackUrls.problem("https://hooks.example.com/voxify?x=1", false))
                .isNull();
        assertThat(CallbackUrls.problem("HTTPS://Hooks.Example.com/", false)).isNull();
        assertThat(CallbackUrls.problem("https://93.184.216.34:8443/hook", false))
                .isNull();
        assertThat(CallbackUrls.problem("http://hooks.example.com/", false))
                .contains("must use https")
                .contains("allow_private_callbacks");
        assertThat(CallbackUrls.problem("ftp://hooks.example.com/", false)).contains("https");
        assertThat(CallbackUrls.problem("https://user:pw@hooks.example.com/", false))
                .contains("user information");
        assertThat(CallbackUrls.problem("http://user@127.0.0.1/", true)).contains("user information");
        assertThat(CallbackUrls.problem("/relative/path", false)).contains("absolute");
        assertThat(CallbackUrls.problem("https:///nohost", false)).contains("host");
        assertThat(CallbackUrls.problem("https://127.1/", false)).contains("host");
        assertThat(CallbackUrls.problem("not a url", false)).isNotNull();
        assertThat(CallbackUrls.problem("https://hooks.example.com/" + "a".repeat(2048), false))
                .contains("2048");
        assertThat(CallbackUrls.problem("https://hooks.example.com/#frag", false))
                .contains("fragment");
    }

    @Test
    void thisMachineAndPrivateNetworksAreRefusedUnlessTheAdministratorAllowsThem() {
        for (String url : new String[] {
            "https://127.0.0.1:6379/",
            "https://localhost/hook",
            "https://[::1]:9000/",
            "https://10.0.0.1/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://2130706433/",
            "https://[::ffff:127.0.0.1]/",
            "https://[fe80::1%25eth0]/"
        }) {
            assertThat(CallbackUrls.problem(url, false))
                    .as(url)
                    .contains("must not point at this machine or a " + "private network")
                    .contains("allow_private_callbacks");
            assertThat(CallbackUrls.problem(url, true)).as(url).isNull();
        }
        assertThat(CallbackUrls.problem("http://127.0.0.1:8080/hook", false))
                .as("http is refused first")
                .contains("must use https");
        assertThat(CallbackUrls.problem("http://127.0.0.1:8080/hook", true)).isNull();
        assertThat(CallbackUrls.problem("http://hooks.example.com/", true)).isNull();
        assertThat(CallbackUrls.problem("https://0.0.0.0/", true)).contains("cannot be called");
    }
}
