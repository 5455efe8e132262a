package io.voxify.inference.voice;

import java.util.List;

/**
 * A fitted profile and what fitting it took.
 *
 * @param profile         the fitted profile
 * @param quality         the effort level it was fitted at
 * @param candidateBases  the base voices considered (one when the base was given)
 * @param checkSentences  how many sentences each similarity was measured on
 * @param renders         syntheses made and measured (each a check sentence spoken with one profile)
 * @param renderedSeconds seconds of speech synthesised and measured in all
 */
public record FitReport(
        VoiceProfile profile,
        FitQuality quality,
        List<String> candidateBases,
        int checkSentences,
        int renders,
        double renderedSeconds) {

    public FitReport {
        candidateBases = List.copyOf(candidateBases);
    }
}
