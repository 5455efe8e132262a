package io.voxify.inference.piper;

/** Where one sentence lies in a {@link PiperAudio}, in seconds from its start; the pauses lie between. */
public record SentenceTiming(int index, String phonemes, double startSeconds, double endSeconds) {

    public SentenceTiming {
        if (index < 0 || !(startSeconds >= 0) || !(endSeconds >= startSeconds)) {
            throw new IllegalArgumentException("bad sentence timing " + index + ": " + startSeconds + "-" + endSeconds);
        }
    }

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
