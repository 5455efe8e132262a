package io.voxify.inference.decoding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a decoder accepts before it decodes anything, and how much it decodes at most.
 *
 * <p>The parameters bound the work: at most {@code maxSamplesPerSecond} × {@code maxSeconds} samples are
 * ever produced, whatever a header claims. Sample rates come from a list, not a range: resampling an odd
 * rate to 16 kHz needs a polyphase filter whose size grows with the rates' least common multiple (tens of
 * megabytes for 191,999 Hz), while every standard rate needs at most a few hundred kilobytes.
 *
 * @param maxSeconds          audio beyond this is refused; {@link Double#POSITIVE_INFINITY} for no cap
 * @param maxChannels         1 to this many channels
 * @param sampleRates         the rates accepted; empty accepts any positive rate
 * @param maxSamplesPerSecond channels × sample rate at most this
 */
public record AudioLimits(double maxSeconds, int maxChannels, Set<Integer> sampleRates, int maxSamplesPerSecond) {

    /** Every rate a recorder, phone or studio commonly writes. */
    public static final Set<Integer> STANDARD_RATES = Set.of(
            8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 64_000, 88_200, 96_000, 176_400,
            192_000);

    /**
     * Client uploads: 10 minutes, 1 to 8 channels, a standard rate from 8 to 192 kHz, and at most 384,000
     * samples per second (8 channels at 48 kHz, stereo at 192 kHz), so decoding one upload produces at most
     * 230.4 million samples.
     */
    public static final AudioLimits UPLOADS = new AudioLimits(600, 8, STANDARD_RATES, 384_000);

    /** The platform's own audio (synthesis results): no cap on length; any rate. */
    public static final AudioLimits PLATFORM =
            new AudioLimits(Double.POSITIVE_INFINITY, 8, Set.of(), Integer.MAX_VALUE);

    public AudioLimits {
        sampleRates = Set.copyOf(sampleRates);
        if (!(maxSeconds > 0) || maxChannels < 1 || maxSamplesPerSecond < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The most frames (samples per channel) allowed at {@code sampleRate}. */
    public long maxFrames(int sampleRate) {
        return Double.isInfinite(maxSeconds) ? Long.MAX_VALUE : (long) Math.floor(maxSeconds * sampleRate);
    }

    /**
     * Refuses a header whose encoding, channels or rate are outside the limits, naming each problem.
     *
     * @param encodingProblem what is wrong with the encoding, or null when the decoder reads it
     */
    void check(String format, String encoding, String encodingProblem, int channels, int sampleRate) {
        List<String> problems = new ArrayList<>();
        if (encodingProblem != null) {
            problems.add(encodingProblem);
        }
        boolean channelsAllowed = channels >= 1 && channels <= maxChannels;
        boolean rateAllowed = sampleRate >= 1 && (sampleRates.isEmpty() || sampleRates.contains(sampleRate));
        if (!channelsAllowed) {
            problems.add(channels + " channels (1 to " + maxChannels + " allowed)");
        }
        if (!rateAllowed) {
            problems.add("a sample rate of " + sampleRate + " Hz (" + allowedRates() + " allowed)");
        }
        if (channelsAllowed && rateAllowed && (long) channels * sampleRate > maxSamplesPerSecond) {
            problems.add(channels + " channels at " + sampleRate + " Hz, " + (long) channels * sampleRate
                    + " samples/s (at most " + maxSamplesPerSecond + " samples/s allowed)");
        }
        if (!problems.isEmpty()) {
            throw AudioRejected.unsupported(
                    format, String.join(", ", problems), shapeDetails(format, channels, sampleRate, encoding));
        }
    }

    Map<String, Object> shapeDetails(String format, int channels, int sampleRate, String encoding) {
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("format", format);
        found.put("encoding", encoding);
        found.put("channels", channels);
        found.put("sample_rate", sampleRate);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("found", found);
        details.put("allowed", allowed());
        return details;
    }

    /** The limits as a client reads them in a refusal. */
    public Map<String, Object> allowed() {
        Map<String, Object> allowed = new LinkedHashMap<>();
        allowed.put("formats", List.of("wav", "mp3", "flac"));
        allowed.put("wav_encodings", List.of("pcm_u8", "pcm_s16le", "pcm_s24le", "pcm_s32le", "float32", "float64"));
        allowed.put("flac_bits_per_sample", "4 to 24");
        allowed.put("mp3", "MPEG-1, 2 or 2.5 layer III, not free-format");
        allowed.put("channels", "1 to " + maxChannels);
        allowed.put("sample_rates", sampleRates.isEmpty() ? "any" : new ArrayList<>(new TreeSet<>(sampleRates)));
        if (maxSamplesPerSecond != Integer.MAX_VALUE) {
            allowed.put("max_samples_per_second", maxSamplesPerSecond);
        }
        if (!Double.isInfinite(maxSeconds)) {
            allowed.put("max_seconds", maxSeconds);
        }
        return allowed;
    }

    private String allowedRates() {
        return sampleRates.isEmpty() ? "any positive rate" : new TreeSet<>(sampleRates).toString();
    }
}
