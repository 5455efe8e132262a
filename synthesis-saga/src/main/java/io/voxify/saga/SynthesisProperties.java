package io.voxify.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.synthesis}: how text-to-speech jobs are rendered, timed and retried on this node.
 * ({@code voxify.synthesis.openai-speech-timeout} belongs to the OpenAI-compatible endpoint:
 * {@code io.voxify.gateway.openai.OpenAiSpeechProperties}; {@code voxify.synthesis.worker-threads} and
 * {@code voxify.synthesis.backlog} to the work queue: {@code io.voxify.infrastructure.queue.QueueProperties}.)
 *
 * @param sentencePause   silence between sentences, in seconds (every engine, Piper voices included)
 * @param jobTimeout      the longest a job may take from its creation, all its attempts together, before it fails
 * @param maxAttempts     attempts a job gets for transient failures, the first included
 * @param firstRetryDelay the wait before the second attempt, doubled before each later one
 */
@ConfigurationProperties("voxify.synthesis")
public record SynthesisProperties(
        @DefaultValue("0.25") double sentencePause,
        @DefaultValue("PT10M") Duration jobTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("PT2S") Duration firstRetryDelay) {}
