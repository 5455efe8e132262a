package io.voxify.infrastructure.tokens.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.infrastructure.tokens.RefreshTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Against the real Redis on 127.0.0.1:6379 (`make test` starts it when it is down). */
class RedisRefreshTokenStoreTest {
    private LettuceConnectionFactory connections;
    private RefreshTokenStore store;
    private RefreshTokenStore otherNode;
    private StringRedisTemplate redis;
    private String prefix;
    private final Instant now = Instant.now();
    private final Instant later = now.plus(Duration.ofDays(30));

    @BeforeEach
    void connect() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
        prefix = "voxify-test:" + UUID.randomUUID() + ":";
        store = new RedisRefreshTokenStore(redis, prefix, Duration.ofDays(31));
        otherNode = new RedisRefreshTokenStore(redis, prefix, Duration.ofDays(31));
    }

    @AfterEach
    void close() {
        connections.destroy();
    }

    private static void assertInvalid(Runnable use) {
        assertThatThrownBy(use::run)
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    }

    @Test
    void aTokenRotatesOnceAndItsReuseSignsTheWholeFamilyOut() {
        String first = store.issue("user_1", "fam_1", later);
        RefreshTokenStore.Rotation rotation = otherNode.rotate(first, now, later);
        assertThat(rotation.userId()).isEqualTo("user_1");
        assertThat(rotation.familyId()).isEqualTo("fam_1");
        assertThat(rotation.newToken()).startsWith("rt_").isNotEqualTo(first);

        assertInvalid(() -> store.rotate(first, now, later));
        assertInvalid(() -> store.rotate(rotation.newToken(), now, later));
    }

    @Test
    void unknownExpiredAndRevokedTokensAreRefused() {
        assertInvalid(() -> store.rotate("rt_nothing", now, later));
        assertInvalid(() -> store.rotate(null, now, later));
        String expired = store.issue("user_2", "fam_2", now.plusSeconds(60));
        assertInvalid(() -> store.rotate(expired, now.plusSeconds(120), later));

        String a = store.issue("user_3", "fam_a", later);
        String b = store.issue("user_3", "fam_b", later);
        String c = store.issue("user_4", "fam_c", later);
        store.revokeFamilyOf(a);
        assertInvalid(() -> store.rotate(a, now, later));
        assertThat(store.rotate(b, now, later).userId()).isEqualTo("user_3");
        String d = store.issue("user_3", "fam_d", later);
        otherNode.revokeAllOf("user_3");
        assertInvalid(() -> store.rotate(d, now, later));
        assertThat(store.rotate(c, now, later).userId())
                .as("other users keep their sessions")
                .isEqualTo("user_4");
        store.revokeFamilyOf("rt_unknown");
        store.revokeFamilyOf(null);
    }

    @Test
    void aDeletedAccountsTokensAndEveryKeyNamingItGo() {
        String first = store.issue("user_gone", "fam_g1", later);
        String rotated = store.rotate(first, now, later).newToken();
        String other = store.issue("user_gone", "fam_g2", later);
        String kept = store.issue("user_kept", "fam_k", later);
        assertThat(keysHolding("user_gone")).as("the store names her before").isNotEmpty();

        otherNode.forgetAllOf("user_gone");

        assertInvalid(() -> store.rotate(rotated, now, later));
        assertInvalid(() -> store.rotate(other, now, later));
        assertInvalid(() -> store.rotate(first, now, later));
        assertThat(keysHolding("user_gone"))
                .as("no key names her or holds her id, none of her tokens is left")
                .isEmpty();
        assertThat(redis.keys(prefix + "token:*"))
                .as("only the other user's token")
                .hasSize(1);
        assertThat(store.rotate(kept, now, later).userId()).isEqualTo("user_kept");
        otherNode.forgetAllOf("user_nobody");
    }

    /** The keys under this store's prefix whose name or (hash or set) value holds the text. */
    private java.util.List<String> keysHolding(String text) {
        return redis.keys(prefix + "*").stream()
                .filter(key -> key.contains(text)
                        || switch (redis.type(key)) {
                            case HASH -> redis.opsForHash().entries(key).containsValue(text);
                            case SET -> redis.opsForSet().isMember(key, text);
                            default -> false;
                        })
                .toList();
    }
}
