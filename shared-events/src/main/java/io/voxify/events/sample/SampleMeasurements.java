package io.voxify.events.sample;

/** What processing measured in a sample (see the inference engine's SampleAnalyzer for definitions). */
public record SampleMeasurements(
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
