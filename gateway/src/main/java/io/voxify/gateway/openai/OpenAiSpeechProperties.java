package io.voxify.gateway.openai;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one {@code voxify.synthesis} key the OpenAI-compatible endpoint reads (the others are the synthesis
 * workers', {@code io.voxify.saga.SynthesisProperties}).
 *
 * @param openaiSpeechTimeout how long {@code POST /v1/audio/speech} waits for its job before it cancels the job
 *                            and answers 503
 */
@ConfigurationProperties("voxify.synthesis")
public record OpenAiSpeechProperties(@DefaultValue("PT2M") Duration openaiSpeechTimeout) {}
