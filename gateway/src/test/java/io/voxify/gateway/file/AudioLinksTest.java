package io.voxify.gateway.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AudioLinksTest {
    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "HmacSHA256");
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final Map<String, Integer> versions = new HashMap<>();
    private final Set<String> signedOut = new HashSet<>();

    private AudioLinks at(Instant now, SecretKeySpec key) {
        return new AudioLinks(
                key,
                Duration.ofHours(1),
                Clock.fixed(now, ZoneOffset.UTC),
                user -> versions.getOrDefault(user, 0),
                signedOut::contains);
    }

    @Test
    void aLinkHoldsForItsFileUserAndSessionUntilItExpires() {
        AudioLinks links = at(NOW, KEY);
        AudioLinks.Link link = links.issue("file_1", "user_1", "fam_1", 0);
        assertThat(link.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(links.valid("file_1", "user_1", "fam_1", link.expires(), link.signature()))
                .isTrue();
        assertThat(links.valid("file_2", "user_1", "fam_1", link.expires(), link.signature()))
                .isFalse();
        assertThat(links.valid("file_1", "user_2", "fam_1", link.expires(), link.signature()))
                .isFalse();
        assertThat(links.valid("file_1", "user_1", "fam_2", link.expires(), link.signature()))
                .isFalse();
        assertThat(links.valid("file_1", "user_1", "fam_1", link.expires() + 1, link.signature()))
                .isFalse();
        assertThat(links.valid("file_1", "user_1", "fam_1", link.expires(), null))
                .isFalse();
        assertThat(links.valid("file_1", "user_1\nfam_1", "", link.expires(), link.signature()))
                .as("ids cannot shift the signed fields")
                .isFalse();

        assertThat(at(NOW.plus(Duration.ofHours(1)).plusSeconds(1), KEY)
                        .valid("file_1", "user_1", "fam_1", link.expires(), link.signature()))
                .isFalse();
        SecretKeySpec otherKey = new SecretKeySpec(
                new byte[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                    28, 29, 30, 31, 32
                },
                "HmacSHA256");
        assertThat(at(NOW, otherKey).valid("file_1", "user_1", "fam_1", link.expires(), link.signature()))
                .isFalse();
    }

    @Test
    void aLinkEndsWithItsSessionOrItsUsersSessionVersion() {
        AudioLinks links = at(NOW, KEY);
        versions.put("user_1", 3);
        AudioLinks.Link link = links.issue("file_1", "user_1", "fam_1", 3);
        AudioLinks.Link otherSession = links.issue("file_1", "user_1", "fam_2", 3);
        assertThat(links.valid("file_1", "user_1", "fam_1", link.expires(), link.signature()))
                .isTrue();

        signedOut.add("fam_1");
        assertThat(links.valid("file_1", "user_1", "fam_1", link.expires(), link.signature()))
                .as("its session signed out")
                .isFalse();
        assertThat(links.valid("file_1", "user_1", "fam_2", otherSession.expires(), otherSession.signature()))
                .as("another session of the same user goes on")
                .isTrue();

        versions.put("user_1", 4);
        assertThat(links.valid("file_1", "user_1", "fam_2", otherSession.expires(), otherSession.signature()))
                .as("a password, role or state change")
                .isFalse();
        AudioLinks.Link issuedSince = links.issue("file_1", "user_1", "fam_2", 4);
        assertThat(links.valid("file_1", "user_1", "fam_2", issuedSince.expires(), issuedSince.signature()))
                .isTrue();
    }
}
