package io.voxify.infrastructure.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxify.events.privacy.KeyScope;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A personal value kept outside the event store, sealed with its resource's key: what it holds and when it opens. */
class KeyedSealedValuesTest {
    private static final String URL = "https://hooks.example.com/voxify/alice";
    private static final String PURPOSE = "webhook-saga.callbackUrl";

    private final MemoryPersonalKeys keys = new MemoryPersonalKeys();
    private final KeyedSealedValues values = new KeyedSealedValues(keys);

    @Test
    void aSealedValueNamesItsKeyHoldsNoPlainTextAndOpensForItsPurpose() {
        keys.obtain("job:job_1", "user_a");
        SealedValue sealed = values.seal(KeyScope.JOB, "job_1", PURPOSE, URL).orElseThrow();
        assertThat(sealed.keyId()).isEqualTo("job:job_1");
        assertThat(sealed.toString()).doesNotContain("hooks.example.com");
        assertThat(new String(Base64.getDecoder().decode(sealed.sealed()))).doesNotContain("hooks.example.com");
        assertThat(values.open(sealed, PURPOSE)).contains(URL);
    }

    @Test
    void nothingIsSealedForAResourceWhoseKeyIsGoneAndNoKeyIsMade() {
        keys.obtain("job:job_1", "user_a");
        keys.destroy("job:job_1");
        assertThat(values.seal(KeyScope.JOB, "job_1", PURPOSE, URL)).isEmpty();
        assertThat(values.seal(KeyScope.JOB, "job_never_made", PURPOSE, URL)).isEmpty();
        assertThat(keys.find("job:job_never_made")).isEmpty();
    }

    @Test
    void aValueWhoseKeyWasDestroyedSinceDoesNotOpen() {
        keys.obtain("job:job_1", "user_a");
        SealedValue sealed = values.seal(KeyScope.JOB, "job_1", PURPOSE, URL).orElseThrow();
        keys.destroyOwnedBy("user_a");
        assertThat(values.open(sealed, PURPOSE)).isEmpty();
    }

    @Test
    void aValueMovedToAnotherPlaceOrKeyDoesNotOpen() {
        keys.obtain("job:job_1", "user_a");
        keys.obtain("job:job_2", "user_a");
        SealedValue sealed = values.seal(KeyScope.JOB, "job_1", PURPOSE, URL).orElseThrow();
        assertThatThrownBy(() -> values.open(sealed, "another-saga.callbackUrl"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> values.open(new SealedValue("job:job_2", sealed.sealed()), PURPOSE))
                .isInstanceOf(IllegalStateException.class);
    }
}
