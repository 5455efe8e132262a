/**
 * Built-in text-to-speech for Voxify, in plain Java: {@link io.voxify.inference.SpeechSynthesizer} turns a
 * {@link io.voxify.inference.SynthesisRequest} into encoded audio with word or sentence timestamps, using CMU
 * Flite (English voices) and eSpeak NG (many languages) in-process through JNA.
 *
 * <p>Subpackages: {@code synthesis} (the parts behind {@code SpeechSynthesizer}: voice catalogue, request
 * planning, rendering, word alignment, profile variants), {@code text} (sentence splitting and English
 * normalisation with offsets back to the source), {@code engine} (the native engines), {@code audio}
 * (resampling, pitch shifting, time stretching, limiting and the WAV, MP3 and FLAC encoders), {@code decoding}
 * (WAV, MP3 and FLAC read as a stream within limits judged from the header, for audio a client sent).
 * {@link io.voxify.inference.AudioDecoder} reads the platform's own audio back into PCM.
 *
 * <p>Where each control is applied: speed by Flite's {@code duration_stretch} and espeak-ng's rate (WSOLA
 * time stretching beyond espeak-ng's fastest rate); pitch by espeak-ng's pitch setting within its range and
 * by TD-PSOLA otherwise (always for Flite, whose F0 model ignores its pitch targets); volume as linear gain
 * with a soft limiter; emotion as in {@link io.voxify.inference.Emotion}.
 */
package io.voxify.inference;
