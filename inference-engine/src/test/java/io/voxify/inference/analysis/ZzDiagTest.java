package io.voxify.inference.analysis;

import static io.voxify.inference.analysis.Recordings.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZzDiagTest {
    @Test
    void diag() throws Exception {
        SampleAnalyzer an = new SampleAnalyzer();
        java.lang.reflect.Method own = SampleAnalyzerTest.class.getDeclaredMethod("ownNoisePower", float[].class);
        own.setAccessible(true);
        for (String name : LONG_CLIPS) {
            float[] x = clip(name);
            double mean = 0; for (float v : x) mean += v; mean /= x.length;
            for (int i = 0; i < x.length; i++) x[i] -= (float) mean;
            SampleAnalysis a = an.analyze(mono(x, RATE));
            SampleMetrics m = a.metrics();
            double exp = syllables(transcript(name)) / m.speechDuration();
            System.out.printf("%s speech=%.2f/%.2f f0=%.1f (acoustics %.1f) p10=%.1f p90=%.1f voiced=%.2f rate=%.2f expected=%.2f (%+.0f%%) snr=%.1f tilt=%.1f score=%.3f%n",
                name.substring(name.length()-4), m.speechDuration(), m.duration(), m.f0MedianHz(), io.voxify.inference.Acoustics.medianF0(x, RATE), m.f0P10Hz(), m.f0P90Hz(), m.voicedRatio(), m.speakingRate(), exp, 100*(m.speakingRate()/exp-1), m.snrDb(), m.spectralTilt(), a.qualityScore());
            for (String c : new String[]{"white","pink"}) for (double snr : new double[]{30,10}) {
                float[] n = c.equals("white") ? white(x.length, 11) : pink(x.length, 12);
                double gain = Math.sqrt(power(x) / (power(n) * Math.pow(10, snr / 10)));
                double truth = 10 * Math.log10(power(x) / (gain * gain * power(n) + (double) own.invoke(null, x)));
                SampleAnalysis b = an.analyze(mono(mixed(x, n, snr), RATE));
                System.out.printf("   %s%.0f truth=%.1f measured=%.1f err=%+.1f score=%.3f %s%n", c, snr, truth, b.metrics().snrDb(), b.metrics().snrDb()-truth, b.qualityScore(), b.issues().stream().map(ValidationIssue::code).toList());
            }
            double pk = 0; for (float v : x) pk = Math.max(pk, Math.abs(v));
            SampleAnalysis c = an.analyze(mono(hardClipped(scaled(x, 1/pk), 4), RATE));
            SampleAnalysis c4 = an.analyze(mono(hardClipped(x, 4), RATE));
            System.out.printf("   clippedNorm4 ratio=%.4f score=%.3f %s; raw x4 ratio=%.4f score=%.3f %s%n", c.metrics().clippingRatio(), c.qualityScore(), c.issues().stream().map(ValidationIssue::code).toList(), c4.metrics().clippingRatio(), c4.qualityScore(), c4.issues().stream().map(ValidationIssue::code).toList());
        }
        for (String name : SHORT_CLIPS) {
            float[] x = clip(name);
            SampleAnalysis a = an.analyze(mono(x, RATE));
            System.out.printf("%s speech=%.2f f0=%.1f rate=%.2f expected=%.2f snr=%.1f %s%n", name.substring(name.length()-4), a.metrics().speechDuration(), a.metrics().f0MedianHz(), a.metrics().speakingRate(), syllables(transcript(name))/a.metrics().speechDuration(), a.metrics().snrDb(), a.issues().stream().map(ValidationIssue::code).toList());
        }
        for (double f : new double[]{100,150,220}) for (double v : new double[]{0, 0.04}) {
            SampleMetrics m = an.analyze(mono(voicedTone(f, v, 3, 44100), 44100)).metrics();
            System.out.printf("tone %.0f vib %.2f median=%.2f (%+.2f%%) p10=%.1f p90=%.1f%n", f, v, m.f0MedianHz(), 100*(m.f0MedianHz()/f-1), m.f0P10Hz(), m.f0P90Hz());
        }
        System.out.printf("white tilt %.2f pink tilt %.2f%n", an.analyze(mono(scaled(white(64000,5),0.1),RATE)).metrics().spectralTilt(), an.analyze(mono(scaled(pink(64000,6),0.05),RATE)).metrics().spectralTilt());
    }
}
