package io.voxify.inference.analysis;

import io.voxify.inference.audio.Resampler;
import io.voxify.inference.decoding.AudioHeader;
import io.voxify.inference.decoding.PcmSink;
import java.util.Arrays;

/**
 * Turns decoded blocks into a {@link Recording} as they arrive: channels are mixed to mono and resampled to
 * 16 kHz on the fly, clipping and peak are counted on the original samples. Only the 16 kHz mono signal is
 * kept, so memory grows with the recording's length at 16 kHz (4 bytes a sample, 38.4 MB for 10 minutes)
 * whatever its rate and channel count.
 */
public final class RecordingCollector implements PcmSink {
    private int channels;
    private int sampleRate;
    private long frames;
    private int[] clipRuns;
    private long clipped;
    private double peak;
    private float[] mix = new float[0];
    private float[] mono16k = new float[0];
    private int length;
    private Resampler.Stream resampler;

    @Override
    public void begin(AudioHeader header) {
        if (header.sampleRate() <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + header.sampleRate());
        }
        channels = header.channels();
        sampleRate = header.sampleRate();
        clipRuns = new int[channels];
        if (header.declaredFrames() > 0) {
            // Exactly what the resampler will give for the declared length, so no copy is needed at the end.
            mono16k = new float
                    [(int) Math.min(
                            Integer.MAX_VALUE - 8,
                            (header.declaredFrames() * SampleAnalyzer.SAMPLE_RATE + sampleRate - 1) / sampleRate)];
        }
        resampler = Resampler.stream(sampleRate, SampleAnalyzer.SAMPLE_RATE, this::append);
    }

    @Override
    public void accept(float[][] block, int n) {
        for (int c = 0; c < channels; c++) {
            float[] x = block[c];
            int run = clipRuns[c];
            for (int i = 0; i < n; i++) {
                float v = Math.abs(x[i]);
                peak = Math.max(peak, v);
                if (v >= SampleAnalyzer.CLIP_LEVEL) {
                    run++;
                } else {
                    if (run >= 2) {
                        clipped += run;
                    }
                    run = 0;
                }
            }
            clipRuns[c] = run;
        }
        if (channels == 1) {
            resampler.push(block[0], n);
        } else {
            if (mix.length < n) {
                mix = new float[n];
            }
            // Summed in channel order and then scaled, as DecodedAudio.mono() does, so both give the same mix.
            float scale = 1f / channels;
            for (int i = 0; i < n; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += block[c][i];
                }
                mix[i] = sum * scale;
            }
            resampler.push(mix, n);
        }
        frames += n;
    }

    private void append(float[] samples, int count) {
        if (length + count > mono16k.length) {
            mono16k = Arrays.copyOf(mono16k, Math.max(length + count, Math.max(16_000, 2 * mono16k.length)));
        }
        System.arraycopy(samples, 0, mono16k, length, count);
        length += count;
    }

    public Recording finish() {
        resampler.finish();
        for (int run : clipRuns) {
            if (run >= 2) {
                clipped += run;
            }
        }
        long total = frames * channels;
        float[] x = mono16k.length == length ? mono16k : Arrays.copyOf(mono16k, length);
        return new Recording(x, (double) frames / sampleRate, total == 0 ? 0 : (double) clipped / total, peak);
    }
}
