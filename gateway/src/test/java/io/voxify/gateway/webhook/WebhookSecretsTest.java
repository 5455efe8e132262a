package io.voxify.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {
    private final WebhookSecrets secrets = new WebhookSecrets(
            new SecretKeySpec(new byte[32], "HmacSHA256"),
            null,
            new WebhookProperties(4, 1000, 200, Duration.ofHours(24)));

    @Test
    void theReplacedSecretSignsOnlyUntilTheOverlapEnds() {
        assertThat(secrets.secrets("user_1", 0, null).signing()).containsExactly(secrets.secretFor("user_1", 0));

        Instant recently = Instant.now().minus(Duration.ofHours(1));
        WebhookSecrets.Secrets overlapping = secrets.secrets("user_1", 2, recently);
        assertThat(overlapping.signing())
                .containsExactly(secrets.secretFor("user_1", 2), secrets.secretFor("user_1", 1));
        assertThat(overlapping.previousExpiresAt()).isEqualTo(recently.plus(Duration.ofHours(24)));

        WebhookSecrets.Secrets after =
                secrets.secrets("user_1", 2, Instant.now().minus(Duration.ofHours(25)));
        assertThat(after.signing()).containsExactly(secrets.secretFor("user_1", 2));
        assertThat(after.previousExpiresAt()).isNull();
    }

    @Test
    void secretsDifferByUserAndGenerationAndEveryOneSignsTheSameMessage() {
        assertThat(List.of(
                        secrets.secretFor("user_1", 0),
                        secrets.secretFor("user_1", 1),
                        secrets.secretFor("user_2", 0),
                        secrets.secretFor("user_2", 1)))
                .doesNotHaveDuplicates();
        String one = WebhookSecrets.signature(List.of("whsec_a"), 1700000000L, "{}".getBytes());
        String two = WebhookSecrets.signature(List.of("whsec_a", "whsec_b"), 1700000000L, "{}".getBytes());
        assertThat(two).startsWith(one + ",v1=").matches("t=1700000000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
    }
}
