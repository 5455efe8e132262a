package io.voxify.gateway.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AudioLinksTest {
    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "HmacSHA256");
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aLinkHoldsForItsFileAndUserUntilItExpires() {
        AudioLinks links = new AudioLinks(KEY, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
        AudioLinks.Link link = links.issue("file_1", "user_1");
        assertThat(link.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(links.valid("file_1", "user_1", link.expires(), link.signature())).isTrue();
        assertThat(links.valid("file_2", "user_1", link.expires(), link.signature())).isFalse();
        assertThat(links.valid("file_1", "user_2", link.expires(), link.signature())).isFalse();
        assertThat(links.valid("file_1", "user_1", link.expires() + 1, link.signature())).isFalse();
        assertThat(links.valid("file_1", "user_1", link.expires(), null)).isFalse();

        AudioLinks later = new AudioLinks(KEY, Duration.ofHours(1),
                Clock.fixed(NOW.plus(Duration.ofHours(1)).plusSeconds(1), ZoneOffset.UTC));
        assertThat(later.valid("file_1", "user_1", link.expires(), link.signature())).isFalse();
        AudioLinks otherKey = new AudioLinks(new SecretKeySpec(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "HmacSHA256"),
                Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(otherKey.valid("file_1", "user_1", link.expires(), link.signature())).isFalse();
    }
}
