/**
 * Decoding audio a client sent, within bounds decided before the work starts: {@link
 * io.voxify.inference.decoding.AudioStreamDecoder} judges a WAV, MP3 or FLAC stream by its header against
 * {@link io.voxify.inference.decoding.AudioLimits}, then decodes it block by block into a {@link
 * io.voxify.inference.decoding.PcmSink} and stops at the length limit whatever the header declared.
 */
package io.voxify.inference.decoding;
