package io.voxify.inference.analysis;

/**
 * What {@link SampleAnalyzer} measured in one voice recording. Levels are in dBFS with full scale = 1.0; the
 * F0 figures are null when no frame was voiced.
 *
 * @param duration       seconds, the whole file
 * @param speechDuration seconds judged to be speech
 * @param silenceRatio   1 − speechDuration / duration
 * @param rmsDbfs        RMS level of the speech (of the whole signal when nothing is speech)
 * @param peakDbfs       largest absolute sample, −120 for digital silence
 * @param clippingRatio  share of samples in runs of at least two near-full-scale samples
 * @param snrDb          speech power over noise-floor power, in [−10, 80]
 * @param voicedRatio    voiced speech frames / speech frames
 * @param speakingRate   syllable nuclei per second of speech
 * @param spectralTilt   dB per octave of the average speech spectrum between 100 Hz and 7 kHz
 */
public record SampleMetrics(
        double duration,
        double speechDuration,
        double silenceRatio,
        double rmsDbfs,
        double peakDbfs,
        double clippingRatio,
        double snrDb,
        Double f0MedianHz,
        Double f0P10Hz,
        Double f0P90Hz,
        double voicedRatio,
        double speakingRate,
        double spectralTilt) {}
