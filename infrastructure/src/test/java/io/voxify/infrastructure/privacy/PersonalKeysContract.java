package io.voxify.infrastructure.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** What every personal-key store does; each adapter's test extends it with a real store behind the port. */
public abstract class PersonalKeysContract {

    protected abstract PersonalKeys keys();

    @Test
    void aKeyIsMadeOnceAndFoundAgain() {
        SecretKey made = keys().obtain("job:1", "user_a").orElseThrow();
        assertThat(keys().obtain("job:1", "user_a")).contains(made);
        assertThat(keys().find("job:1").map(SecretKey::getEncoded))
                .hasValueSatisfying(
                        bytes -> assertThat(bytes).isEqualTo(made.getEncoded()).hasSize(KeyWrapping.KEY_BYTES));
        assertThat(keys().find("job:2")).isEmpty();
    }

    @Test
    void everyResourceHasAKeyOfItsOwn() {
        SecretKey one = keys().obtain("job:1", "user_a").orElseThrow();
        SecretKey two = keys().obtain("job:2", "user_a").orElseThrow();
        assertThat(one.getEncoded()).isNotEqualTo(two.getEncoded());
    }

    @Test
    void aDestroyedKeyIsGoneForGoodAndNeverMadeAgain() {
        keys().obtain("sample:1", "user_a").orElseThrow();
        assertThat(keys().destroy("sample:1")).isTrue();
        assertThat(keys().find("sample:1")).isEmpty();
        assertThat(keys().obtain("sample:1", "user_a"))
                .as("an event stored after its resource was erased is stored erased")
                .isEmpty();
        assertThat(keys().destroy("sample:1")).as("destroyed once").isFalse();
    }

    @Test
    void anOwnersDeletionDestroysEveryKeyTheyOwnAndNoOneElses() {
        keys().obtain("user:a", "a");
        keys().obtain("job:a1", "a");
        keys().obtain("clone:a1", "a");
        Optional<SecretKey> others = keys().obtain("job:b1", "b");

        assertThat(keys().liveKeysOf("a")).containsExactly("clone:a1", "job:a1", "user:a");
        List<String> destroyed = keys().destroyOwnedBy("a");

        assertThat(destroyed).containsExactlyInAnyOrder("user:a", "job:a1", "clone:a1");
        assertThat(keys().find("user:a")).isEmpty();
        assertThat(keys().find("job:a1")).isEmpty();
        assertThat(keys().liveKeysOf("a")).isEmpty();
        assertThat(keys().find("job:b1")).isEqualTo(others);
        assertThat(keys().destroyOwnedBy("a")).isEmpty();
    }

    @Test
    void noNewKeyIsMadeForAPersonAlreadyErased() {
        keys().obtain("user:a", "a");
        keys().destroyOwnedBy("a");
        assertThat(keys().obtain("job:late", "a"))
                .as("a job created by a request in flight when the account went is stored erased")
                .isEmpty();
        assertThat(keys().obtain("job:b", "b")).isPresent();
    }
}
