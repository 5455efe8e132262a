package io.voxify.inference.analysis;

import java.util.List;

/**
 * @param qualityScore in [0, 1], see {@link SampleAnalyzer} for the formula
 * @param speech16k    the speech regions at 16 kHz mono, peak-normalised to −1 dBFS; empty when there is none
 */
public record SampleAnalysis(
        SampleMetrics metrics, List<ValidationIssue> issues, double qualityScore, float[] speech16k) {

    public SampleAnalysis {
        issues = List.copyOf(issues);
    }

    public boolean accepted() {
        return issues.isEmpty();
    }
}
