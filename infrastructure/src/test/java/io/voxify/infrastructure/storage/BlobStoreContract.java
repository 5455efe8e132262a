package io.voxify.infrastructure.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/** What every BlobStore adapter does, whichever the configuration picks. */
public abstract class BlobStoreContract {

    protected abstract BlobStore store();

    /** A fresh key shaped like the server's own, so tests never see each other's blobs. */
    protected static String newKey(String extension) {
        return "audio/job_" + UUID.randomUUID().toString().replace("-", "") + "/file_"
                + UUID.randomUUID().toString().replace("-", "") + "." + extension;
    }

    protected static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static byte[] read(BlobStore store, String key, long offset) throws IOException {
        try (InputStream in = store.open(key, offset)) {
            return in.readAllBytes();
        }
    }

    @Test
    public void aStoredBlobReadsBackWholeAndFromAnyOffset() throws IOException {
        String key = newKey("wav");
        byte[] content = randomBytes(10_000, 1);
        store().put(key, content, "audio/wav");

        assertThat(store().exists(key)).isTrue();
        assertThat(store().size(key)).isEqualTo(content.length);
        assertThat(read(store(), key, 0)).isEqualTo(content);
        assertThat(read(store(), key, 1234)).isEqualTo(Arrays.copyOfRange(content, 1234, content.length));
        assertThat(read(store(), key, content.length - 1)).containsExactly(content[content.length - 1]);
        assertThat(read(store(), key, content.length))
                .as("an offset at the end leaves nothing to read")
                .isEmpty();
    }

    @Test
    public void aBlobStoredFromAStreamReadsBackWholeAndAShortStreamStoresNothing() throws IOException {
        String key = newKey("flac");
        byte[] content = randomBytes(6 * 1024 * 1024 + 17, 4);
        store().put(key, new java.io.ByteArrayInputStream(content), content.length, "audio/flac");
        assertThat(store().size(key)).isEqualTo(content.length);
        assertThat(read(store(), key, 0)).isEqualTo(content);

        String shortKey = newKey("wav");
        assertThatThrownBy(() ->
                        store().put(shortKey, new java.io.ByteArrayInputStream(content, 0, 1000), 2000, "audio/wav"))
                .isInstanceOf(IOException.class);
        assertThat(store().exists(shortKey)).isFalse();
    }

    @Test
    public void puttingAgainReplacesTheBlob() throws IOException {
        String key = newKey("mp3");
        store().put(key, "first version, rather long".getBytes(StandardCharsets.UTF_8), "audio/mpeg");
        store().put(key, "second".getBytes(StandardCharsets.UTF_8), "audio/mpeg");

        assertThat(read(store(), key, 0)).asString(StandardCharsets.UTF_8).isEqualTo("second");
        assertThat(store().size(key)).isEqualTo(6);
    }

    @Test
    public void aDeletedBlobIsGoneAndDeletingAgainIsNoError() throws IOException {
        String key = newKey("flac");
        String neighbour = key.replace(".flac", ".wav");
        store().put(key, randomBytes(100, 2), "audio/flac");
        store().put(neighbour, randomBytes(100, 3), "audio/wav");

        store().delete(key);
        store().delete(key);

        assertThat(store().exists(key)).isFalse();
        assertThat(store().exists(neighbour)).as("only the named blob goes").isTrue();
    }

    @Test
    public void aMissingBlobDoesNotExistAndCannotBeReadOrMeasured() throws IOException {
        String key = newKey("wav");

        assertThat(store().exists(key)).isFalse();
        assertThatThrownBy(() -> read(store(), key, 0)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store().size(key)).isInstanceOf(NoSuchFileException.class);
        store().delete(key);
        assertThat(store().exists(key)).isFalse();
    }

    @Test
    public void keysThatCouldEscapeOrAliasAreRefusedByEveryOperation() {
        List<String> unsafe = Arrays.asList(
                null,
                "",
                "/audio/x/y.wav",
                "../audio/x.wav",
                "audio/../../etc/passwd",
                "audio/./x.wav",
                "audio//x.wav",
                "audio/x/",
                "audio\\x\\y.wav",
                "audio/x/.hidden",
                "audio/x y.wav",
                "audio/x/y.wav?versionId=1",
                "audio/x/%2e%2e/y.wav",
                "audio/x/y.tar.gz",
                "audio/ü.wav");
        List<ThrowingConsumer<String>> operations = List.of(
                k -> store().put(k, new byte[] {1}, "audio/wav"),
                k -> store().open(k, 0).close(),
                k -> store().exists(k),
                k -> store().size(k),
                k -> store().delete(k),
                k -> store().downloadUrl(k, Duration.ofMinutes(1), "x.wav", "audio/wav"));
        for (String key : unsafe) {
            for (ThrowingConsumer<String> operation : operations) {
                assertThatThrownBy(() -> operation.accept(key))
                        .as("key %s", key)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    public void aBlobOfSeveralMegabytesRoundTrips() throws IOException {
        String key = "samples/user_" + UUID.randomUUID().toString().replace("-", "") + "/vs_big.wav";
        byte[] content = randomBytes(12 * 1024 * 1024 + 17, 4);
        store().put(key, content, "audio/wav");

        assertThat(store().size(key)).isEqualTo(content.length);
        assertThat(read(store(), key, 0)).isEqualTo(content);
        long offset = 7L * 1024 * 1024 + 3;
        assertThat(read(store(), key, offset)).isEqualTo(Arrays.copyOfRange(content, (int) offset, content.length));
        store().delete(key);
        assertThat(store().exists(key)).isFalse();
    }

    @Test
    public void aListingShowsEveryBlobOfAFolderWithItsSizeAndAgeAndNothingElse() throws IOException {
        String folder = "listing-" + UUID.randomUUID().toString().replace("-", "");
        String a = folder + "/job_a/file_a.wav";
        String b = folder + "/job_b/deeper/file_b.mp3";
        String elsewhere = "other-" + folder + "/job_c/file_c.wav";
        java.time.Instant before = java.time.Instant.now().minusSeconds(5);
        store().put(a, randomBytes(10, 1), "audio/wav");
        store().put(b, randomBytes(20, 2), "audio/mpeg");
        store().put(elsewhere, randomBytes(30, 3), "audio/wav");
        try {
            Map<String, BlobStore.Listed> listed = new HashMap<>();
            store().list(folder, blob -> listed.put(blob.key(), blob));
            assertThat(listed.keySet()).containsExactlyInAnyOrder(a, b);
            assertThat(listed.get(a).size()).isEqualTo(10);
            assertThat(listed.get(b).size()).isEqualTo(20);
            assertThat(listed.get(a).lastModified())
                    .isAfter(before)
                    .isBefore(java.time.Instant.now().plusSeconds(5));

            List<String> none = new ArrayList<>();
            store().list("nothing-" + folder, blob -> none.add(blob.key()));
            assertThat(none).isEmpty();
            assertThatThrownBy(() -> store().list("../" + folder, blob -> {}))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            for (String key : List.of(a, b, elsewhere)) {
                store().delete(key);
            }
        }
    }
}
