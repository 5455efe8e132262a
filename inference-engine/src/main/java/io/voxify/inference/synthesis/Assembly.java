package io.voxify.inference.synthesis;

import io.voxify.inference.AudioListener;
import io.voxify.inference.SynthesisException;
import io.voxify.inference.Timestamp;
import io.voxify.inference.engine.EngineAudio;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the output together in step order as the sentences are spoken: each step is placed as soon as
 * every sentence up to it has audio, so a listener hears the first sentence while the rest are still
 * being synthesised. Each piece is post-processed, given its volume and limited before it is handed on.
 */
final class Assembly {

    private final String text;
    private final List<Step> steps;
    private final int rate;
    private final double sentencePauseSeconds;
    private final AudioListener listener;
    private final Map<Step.Say, EngineAudio> spoken = new IdentityHashMap<>();
    private final List<float[]> pieces = new ArrayList<>();
    private final List<Timestamp> words = new ArrayList<>();
    private final List<Timestamp> sentences = new ArrayList<>();
    private final List<Step.Mark> pendingMarks = new ArrayList<>();
    private int next;
    private int naturalGap;
    private int position;
    private boolean spokeAny;

    Assembly(String text, List<Step> steps, int rate, double sentencePauseSeconds, AudioListener listener) {
        this.text = text;
        this.steps = steps;
        this.rate = rate;
        this.sentencePauseSeconds = sentencePauseSeconds;
        this.listener = listener == null ? AudioListener.NONE : listener;
    }

    /** Records a sentence's engine audio and places every step that is now ready. */
    void spoken(Step.Say say, EngineAudio audio) {
        spoken.put(say, audio);
        while (next < steps.size() && (!(steps.get(next) instanceof Step.Say s) || spoken.containsKey(s))) {
            place(steps.get(next++));
        }
    }

    /** Word and mark timestamps on the output so far. */
    List<Timestamp> words() {
        return words;
    }

    /** Sentence and mark timestamps on the output so far. */
    List<Timestamp> sentences() {
        return sentences;
    }

    /** The whole output; throws when nothing was spoken. */
    float[] finish(String voiceId) {
        while (next < steps.size()) {
            place(steps.get(next++)); // only marks and pauses can be left: every sentence has been spoken
        }
        placeMarks();
        if (!spokeAny) {
            throw new SynthesisException(
                    SynthesisException.EMPTY_TEXT,
                    "voice " + voiceId + " produced no audio for this text (is it in the voice's language?)");
        }
        float[] pcm = new float[position];
        int at = 0;
        for (float[] piece : pieces) {
            System.arraycopy(piece, 0, pcm, at, piece.length);
            at += piece.length;
        }
        return pcm;
    }

    private void emit(float[] piece) {
        pieces.add(piece);
        position += piece.length;
        if (piece.length > 0) {
            listener.onAudio(piece, rate);
        }
    }

    private void place(Step step) {
        if (step instanceof Step.Mark mark) {
            pendingMarks.add(mark);
            return;
        }
        if (step instanceof Step.Pause pause) {
            placeMarks();
            emit(new float[(int) Math.round(pause.seconds() * rate)]);
            naturalGap = 0; // an explicit break replaces the pause between sentences
            return;
        }
        Step.Say say = (Step.Say) step;
        EngineAudio audio = spoken.remove(say);
        if (audio.words().isEmpty()) {
            // The engine found no word to say (e.g. a script its front-end does not read); what it returns
            // then is a breath of near-silence, not speech.
            return;
        }
        PostProcessing.Processed p = PostProcessing.process(audio, say.voice(), say.settings(), rate);
        if (p.samples().length == 0) {
            return;
        }
        if (position > 0 && naturalGap > 0) {
            emit(new float[naturalGap]);
        }
        placeMarks();
        float[] samples = p.samples();
        PostProcessing.applyVolume(samples, say.settings().volume());
        double offset = (double) position / rate;
        double chunkEnd = offset + (double) samples.length / rate;
        List<Timestamp> chunkWords = WordAlignment.onText(text, say.text(), p.words(), offset, chunkEnd);
        words.addAll(chunkWords);
        sentences.add(
                WordAlignment.sentence(say.sentence(), chunkWords, offset, chunkEnd, PostProcessing.EDGE_SECONDS));
        emit(samples);
        spokeAny = true;
        naturalGap = say.endsSentence()
                ? (int) Math.round(sentencePauseSeconds * say.settings().pauseFactor() * rate)
                : 0;
    }

    private void placeMarks() {
        for (Step.Mark mark : pendingMarks) {
            Timestamp stamp = WordAlignment.mark(mark.name(), mark.offset(), position, rate);
            words.add(stamp);
            sentences.add(stamp);
        }
        pendingMarks.clear();
    }
}
