package io.voxify.gateway.library;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voxify.events.clone.CloneView;
import io.voxify.events.clone.FindCloneQuery;
import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import io.voxify.inference.ProgressListener;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.SynthesisResult;
import io.voxify.infrastructure.storage.BlobStore;
import io.voxify.worker.clone.CloneWorker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/**
 * A voice's preview: its preview text spoken once and kept in the blob store under the voice's
 * current version, so a changed voice (a refined clone) gets a new preview and an unchanged one
 * is never synthesised twice, across restarts too.
 */
@Service
public class PreviewService {
    static final int SAMPLE_RATE = 22050;

    private final SpeechSynthesizer synthesizer;
    private final BlobStore blobs;
    private final QueryGateway queries;
    /**
     * What is known of previews already in the blob store, so a preview is not read and decoded on every
     * request. Keys follow voices and their versions (a refined clone gets a new one), so old versions' and
     * deleted voices' entries would pile up: held for at most {@value #KNOWN_MAX} previews and
     * {@value #KNOWN_MAX_BYTES} estimated bytes, a day unused.
     */
    private final Cache<String, Preview> known = Caffeine.newBuilder()
            .maximumWeight(KNOWN_MAX_BYTES)
            .weigher((String key, Preview preview) -> Math.max(
                    KNOWN_MAX_BYTES / KNOWN_MAX,
                    ENTRY_OVERHEAD_BYTES
                            + 2
                                    * (key.length()
                                            + preview.blobKey().length()
                                            + preview.format().length())))
            .expireAfterAccess(Duration.ofDays(1))
            .build();

    static final int KNOWN_MAX = 10_000;
    static final int KNOWN_MAX_BYTES = 5_000_000;
    /** The record, its boxed-free numbers and Caffeine's node. */
    private static final int ENTRY_OVERHEAD_BYTES = 160;

    public PreviewService(SpeechSynthesizer synthesizer, BlobStore blobs, QueryGateway queries) {
        this.synthesizer = synthesizer;
        this.blobs = blobs;
        this.queries = queries;
    }

    public record Preview(String blobKey, double durationSeconds, int sampleRate, String format, long sizeBytes) {}

    Preview previewOf(VoiceModel voice) {
        String key =
                "previews/" + voice.voiceModelId() + "/v" + voice.version().replaceAll("[^A-Za-z0-9_-]", "_") + ".wav";
        return known.get(key, k -> blobs.exists(k) ? describe(k) : synthesize(voice, k));
    }

    private Preview synthesize(VoiceModel voice, String key) {
        SynthesisRequest request = new SynthesisRequest(
                voice.previewText(),
                voice.engineVoiceId(),
                1.0,
                1.0,
                1.0,
                "neutral",
                "wav",
                SAMPLE_RATE,
                false,
                "sentence");
        SynthesisResult result;
        if (voice.cloneId() != null) {
            CloneView clone = queries.query(
                            new FindCloneQuery(voice.cloneId()), ResponseTypes.optionalInstanceOf(CloneView.class))
                    .join()
                    .orElseThrow(() -> new IllegalStateException("clone vanished while previewing"));
            result = synthesizer.synthesize(request, CloneWorker.voiceProfile(clone.profile()), ProgressListener.NONE);
        } else {
            result = synthesizer.synthesize(request, ProgressListener.NONE);
        }
        try {
            blobs.put(key, result.audio(), result.contentType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Preview(key, result.durationSeconds(), result.sampleRate(), result.format(), result.audio().length);
    }

    private Preview describe(String key) {
        try (InputStream in = blobs.open(key, 0)) {
            byte[] bytes = in.readAllBytes();
            DecodedAudio audio = AudioDecoder.decode(bytes);
            return new Preview(key, audio.durationSeconds(), audio.sampleRate(), "wav", bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
