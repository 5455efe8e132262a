package io.voxify.catalogue;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.ProgressListener;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.SynthesisRequest;
import io.voxify.inference.SynthesisResult;
import io.voxify.inference.voice.SpeakerEncoder;
import io.voxify.inference.voice.VoiceFitter;
import io.voxify.infrastructure.vector.VectorIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each preset's speaker embedding in the vector index (the check sentence spoken by the
 * preset), so "similar voices" can offer presets next to the user's own samples and clones.
 * Done once per encoder model, when similar voices are first asked for (not in the background:
 * no native work may outlive the engines at shutdown); presets already indexed with the current
 * model are skipped.
 */
public class PresetEmbeddings implements AutoCloseable {
    public static final String VECTOR_KIND = "preset";
    private static final Logger log = LoggerFactory.getLogger(PresetEmbeddings.class);

    private final SpeechSynthesizer synthesizer;
    private final SpeakerEncoder encoder;
    private final VectorIndex vectors;
    private volatile boolean stopping;
    private boolean indexed;

    public PresetEmbeddings(SpeechSynthesizer synthesizer, SpeakerEncoder encoder, VectorIndex vectors) {
        this.synthesizer = synthesizer;
        this.encoder = encoder;
        this.vectors = vectors;
    }

    /** Indexes the presets the first time they are needed (a few seconds, once per encoder model). */
    public synchronized void ensureIndexed() {
        if (!indexed) {
            indexMissing();
            indexed = true;
        }
    }

    @Override
    public void close() {
        stopping = true;
    }

    public void indexMissing() {
        for (PresetVoice preset : PresetCatalog.all()) {
            if (stopping) {
                return;
            }
            boolean current = vectors.get(preset.voiceModelId())
                    .map(e -> e.model().equals(encoder.modelId()))
                    .orElse(false);
            if (current || !synthesizer.supports(preset.engineVoiceId())) {
                continue;
            }
            try {
                SynthesisResult speech = synthesizer.synthesize(
                        new SynthesisRequest(
                                VoiceFitter.CHECK_SENTENCE,
                                preset.engineVoiceId(),
                                1.0,
                                1.0,
                                1.0,
                                "neutral",
                                "wav",
                                16000,
                                false,
                                "word"),
                        ProgressListener.NONE);
                float[] embedding =
                        encoder.embed(AudioDecoder.decode(speech.audio()).mono());
                vectors.upsert(new VectorIndex.VectorEntry(
                        preset.voiceModelId(), VECTOR_KIND, null, encoder.modelId(), embedding));
            } catch (RuntimeException e) {
                log.warn("Could not index preset {}", preset.voiceModelId(), e);
            }
        }
    }
}
