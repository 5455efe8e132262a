package io.voxify.gateway.voice;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.inference.decoding.AudioHeader;
import io.voxify.inference.decoding.AudioLimits;
import io.voxify.inference.decoding.AudioRejected;
import io.voxify.inference.decoding.AudioStreamDecoder;
import io.voxify.inference.decoding.DecodeResult;
import io.voxify.inference.decoding.PcmSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides what an upload really is from its content (the file name proves nothing): WAV, MP3 or FLAC
 * within {@link AudioLimits#UPLOADS}, complete, lasting 1 s to 10 min. Anything that is not one of those
 * formats is UNSUPPORTED_AUDIO; one of them with parameters outside the limits, broken or truncated is
 * INVALID_AUDIO; longer than 10 minutes, by its header or by what decoding found, is AUDIO_TOO_LONG.
 *
 * <p>The upload is read as a stream and no audio is kept: the header is judged before any audio is read,
 * FLAC is decoded frame by frame (so every frame's checksum is checked) and WAV data and MP3 frames are
 * counted, and reading stops at the length limit.
 */
public final class AudioUploadInspector {
    public static final double MIN_SECONDS = 1.0;
    public static final double MAX_SECONDS = AudioLimits.UPLOADS.maxSeconds();

    private AudioUploadInspector() {}

    public record Inspected(String format, double durationSeconds, int sampleRate, int channels) {}

    /**
     * @throws IOException only when the upload itself could not be read (a server failure)
     */
    public static Inspected inspect(InputStream in, long sizeBytes) throws IOException {
        if (sizeBytes == 0) {
            throw new DomainException(ErrorCode.INVALID_AUDIO, "The file is empty");
        }
        DecodeResult result;
        try {
            result = AudioStreamDecoder.decode(in, sizeBytes, AudioLimits.UPLOADS, PcmSink.NONE);
        } catch (AudioRejected rejected) {
            throw refusal(rejected);
        }
        AudioHeader header = result.header();
        if (!result.complete()) {
            throw new DomainException(
                    ErrorCode.INVALID_AUDIO,
                    String.format(
                            Locale.ROOT,
                            "The %s file is truncated: it declares %.2f s of audio but holds %.2f s",
                            header.format().toUpperCase(Locale.ROOT),
                            header.declaredSeconds(),
                            result.durationSeconds()),
                    Map.of("declared_seconds", header.declaredSeconds(), "duration", result.durationSeconds()));
        }
        double seconds = result.durationSeconds();
        if (!(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS)) {
            throw new DomainException(
                    seconds > MAX_SECONDS ? ErrorCode.AUDIO_TOO_LONG : ErrorCode.INVALID_AUDIO,
                    String.format(
                            Locale.ROOT,
                            "The recording lasts %.2f s; samples must last %.0f s to %.0f min",
                            seconds,
                            MIN_SECONDS,
                            MAX_SECONDS / 60),
                    Map.of("duration", seconds, "min_seconds", MIN_SECONDS, "max_seconds", MAX_SECONDS));
        }
        return new Inspected(header.format(), seconds, header.sampleRate(), header.channels());
    }

    private static DomainException refusal(AudioRejected rejected) {
        if (rejected.code().equals(AudioRejected.UNSUPPORTED_AUDIO)) {
            return new DomainException(
                    ErrorCode.UNSUPPORTED_AUDIO,
                    "The file is not WAV, MP3 or FLAC audio (recognised by its content, not its name)",
                    Map.of("accepted_formats", List.of("wav", "mp3", "flac")));
        }
        ErrorCode code = rejected.code().equals(AudioRejected.AUDIO_TOO_LONG)
                ? ErrorCode.AUDIO_TOO_LONG
                : ErrorCode.INVALID_AUDIO;
        return new DomainException(
                code,
                rejected.getMessage(),
                rejected.details().isEmpty() ? null : new LinkedHashMap<>(rejected.details()));
    }
}
