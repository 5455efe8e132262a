package io.voxify.inference.analysis;

/**
 * What {@link SampleAnalyzer} needs of a recording, gathered while it is decoded: the mono mix at 16 kHz, and
 * the measures that must be taken on the original samples of every channel.
 *
 * @param mono16k        the channel average resampled to {@value SampleAnalyzer#SAMPLE_RATE} Hz
 * @param duration       seconds, at the original rate
 * @param clippingRatio  samples in runs of two or more at full scale, over all samples of all channels
 * @param peak           the largest |sample| of any channel
 */
public record Recording(float[] mono16k, double duration, double clippingRatio, double peak) {}
