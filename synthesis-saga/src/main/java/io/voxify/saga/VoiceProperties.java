package io.voxify.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.voice}: the work on voice samples and clones (analysis, embedding, fitting) on this node.
 * ({@code voxify.voice.worker-threads} belongs to the work queue:
 * {@code io.voxify.infrastructure.queue.QueueProperties}.)
 *
 * @param speakerEncoderModel path of a pretrained speaker encoder (ONNX); empty: the project's generated
 *                            spectral encoder
 * @param sampleTimeout       the longest the processing of one uploaded sample may take before it fails
 * @param cloneTimeout        the longest one clone may take before it fails (a training: at least this, or three
 *                            times its estimate)
 */
@ConfigurationProperties("voxify.voice")
public record VoiceProperties(
        @DefaultValue("") String speakerEncoderModel,
        @DefaultValue("PT5M") Duration sampleTimeout,
        @DefaultValue("PT15M") Duration cloneTimeout) {}
