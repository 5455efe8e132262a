package io.voxify.infrastructure.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxify.infrastructure.privacy.jdbc.JdbcPersonalKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** {@code make rotate-master-key}: the data keys stay the same, their wrapping changes, and nothing is ever lost. */
class MasterKeyRotationTest {
    @TempDir
    Path dir;

    private SingleConnectionDataSource dataSource;
    private Path keptFile;

    @BeforeEach
    void open() {
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + dir.resolve("keys.db"), true);
        keptFile = dir.resolve("keys").resolve("personal-data-master.key");
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    private static PrivacyProperties properties(String masterKey, List<String> previous) {
        return new PrivacyProperties(
                masterKey, previous, false, 100, Duration.ofMinutes(1), "none", "voxify:destroyed-keys");
    }

    private JdbcPersonalKeys node(MasterKeys masters) {
        return new JdbcPersonalKeys(dataSource, masters, Clock.systemUTC());
    }

    private MasterKeys kept(boolean rotating) {
        return MasterKeyRotation.masterKeys(properties(null, List.of()), keptFile, rotating);
    }

    private SecretKey keyInFile(Path file) throws Exception {
        return KeyWrapping.key(Base64.getDecoder().decode(Files.readString(file).trim()));
    }

    @Test
    void aKeptMasterKeyIsReplacedOnlyOnceEveryLiveKeyIsWrappedByTheNewOne() throws Exception {
        SecretKey before = node(kept(false)).obtain("user:a", "a").orElseThrow();
        SecretKey old = keyInFile(keptFile);

        MasterKeys rotating = kept(true);
        assertThat(MasterKeyRotation.nextOf(keptFile)).exists();
        SecretKey madeDuringTheStep = node(rotating).obtain("job:1", "a").orElseThrow();
        MasterKeyRotation.Report report = new MasterKeyRotation(() -> node(rotating), keptFile).rotate();

        assertThat(report.liveKeys()).isEqualTo(2);
        assertThat(report.rewrapped())
                .as("the key made during the step was wrapped by the new key at once")
                .isOne();
        assertThat(report.keptFileReplaced()).isTrue();
        assertThat(MasterKeyRotation.nextOf(keptFile)).doesNotExist();
        assertThat(keyInFile(keptFile).getEncoded()).isNotEqualTo(old.getEncoded());

        JdbcPersonalKeys restarted = node(kept(false));
        assertThat(restarted.find("user:a").orElseThrow().getEncoded()).isEqualTo(before.getEncoded());
        assertThat(restarted.find("job:1").orElseThrow().getEncoded()).isEqualTo(madeDuringTheStep.getEncoded());
        assertThatThrownBy(() -> node(MasterKeys.of(old)).find("user:a"))
                .as("a copy of the table with the old master key opens nothing")
                .hasMessageContaining("does not open");
    }

    @Test
    void aRotationCutShortLeavesBothKeysOpeningUntilTheStepRunsAgain() throws Exception {
        SecretKey before = node(kept(false)).obtain("user:a", "a").orElseThrow();
        MasterKeys rotating = kept(true);
        node(rotating).rewrapAll(); // the step stopped after wrapping, before moving the new key into place
        node(kept(false)).obtain("job:2", "a").orElseThrow();

        JdbcPersonalKeys restarted = node(kept(false));
        assertThat(restarted.find("user:a").orElseThrow().getEncoded()).isEqualTo(before.getEncoded());

        MasterKeyRotation.Report finished = new MasterKeyRotation(() -> node(kept(true)), keptFile).rotate();
        assertThat(finished.keptFileReplaced()).isTrue();
        assertThat(finished.rewrapped())
                .as("the node made job:2 with the new key already")
                .isZero();
        assertThat(node(kept(false)).find("user:a").orElseThrow().getEncoded()).isEqualTo(before.getEncoded());
        assertThat(node(kept(false)).find("job:2")).isPresent();
    }

    @Test
    void aConfiguredMasterKeyIsRotatedByConfigurationAndTheStepRewraps() {
        SecretKey old = KeyWrapping.newKey();
        SecretKey next = KeyWrapping.newKey();
        String oldBase64 = Base64.getEncoder().encodeToString(old.getEncoded());
        String nextBase64 = Base64.getEncoder().encodeToString(next.getEncoded());
        SecretKey before = node(MasterKeyRotation.masterKeys(properties(oldBase64, List.of()), keptFile, false))
                .obtain("user:a", "a")
                .orElseThrow();

        MasterKeys swapped = MasterKeyRotation.masterKeys(properties(nextBase64, List.of(oldBase64)), keptFile, true);
        MasterKeyRotation.Report report = new MasterKeyRotation(() -> node(swapped), null).rotate();

        assertThat(report.rewrapped()).isOne();
        assertThat(report.keptFileReplaced()).isFalse();
        assertThat(keptFile)
                .as("a configured key is never written to the data directory")
                .doesNotExist();
        assertThat(node(MasterKeys.of(next)).find("user:a").orElseThrow().getEncoded())
                .isEqualTo(before.getEncoded());
    }
}
