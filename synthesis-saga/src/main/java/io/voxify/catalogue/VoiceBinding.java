package io.voxify.catalogue;

import io.voxify.events.clone.CloneProfile;

/**
 * What the engine needs to speak with a voice model: its engine voice and language, and for a
 * clone the profile fitted to its owner's samples (null for presets).
 */
public record VoiceBinding(String voiceModelId, String engineVoiceId, String language, CloneProfile profile) {}
