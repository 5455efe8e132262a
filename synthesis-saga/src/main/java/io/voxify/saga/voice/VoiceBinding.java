package io.voxify.saga.voice;

/** What the engine needs to speak with a voice model: its engine voice and language. */
public record VoiceBinding(String voiceModelId, String engineVoiceId, String language) {
}
