package io.voxify.inference.decoding;

import static io.voxify.inference.decoding.HostileAudio.flacHead;
import static io.voxify.inference.decoding.HostileAudio.flacSilence;
import static io.voxify.inference.decoding.HostileAudio.mp3Frame;
import static io.voxify.inference.decoding.HostileAudio.mp3XingFrame;
import static io.voxify.inference.decoding.HostileAudio.wav;
import static io.voxify.inference.decoding.HostileAudio.wavHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxify.inference.AudioDecoder;
import io.voxify.inference.DecodedAudio;
import io.voxify.inference.analysis.RecordingCollector;
import io.voxify.inference.analysis.SampleAnalysis;
import io.voxify.inference.analysis.SampleAnalyzer;
import io.voxify.inference.audio.FlacEncoder;
import io.voxify.inference.audio.Mp3Encoder;
import io.voxify.inference.audio.WavWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.Callable;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * The decoder against hostile files: refused from their headers when they cannot be within the limits, and
 * stopped at the length limit when their headers say nothing or lie. Bombs are produced as they are read, so
 * the test itself never holds them, and what the decoder read and allocated is measured.
 */
class AudioStreamDecoderTest {
    private static final long UPLOAD_SIZE = 50L * 1024 * 1024;
    /** Generous: the decoder's own buffers are a few hundred kB; a whole-file decoder of these bombs needs GBs. */
    private static final long ALLOCATION_BOUND = 64L * 1024 * 1024;

    private static DecodeResult inspect(byte[] bytes) throws IOException {
        return AudioStreamDecoder.decode(
                new ByteArrayInputStream(bytes), bytes.length, AudioLimits.UPLOADS, PcmSink.NONE);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Callable<?> decoding, String code) {
        return assertThatThrownBy(decoding::call)
                .isInstanceOf(AudioRejected.class)
                .satisfies(e -> assertThat(((AudioRejected) e).code()).isEqualTo(code));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> found(Throwable e) {
        return (Map<String, Object>) ((AudioRejected) e).details().get("found");
    }

    /** Bytes this thread allocated while running {@code work}, as the JVM counts them. */
    private static long allocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static Runnable refusedAsTooLong(InputStream in, long size, PcmSink sink) {
        return () -> assertThatThrownBy(() -> AudioStreamDecoder.decode(in, size, AudioLimits.UPLOADS, sink))
                .isInstanceOf(AudioRejected.class)
                .satisfies(e -> assertThat(((AudioRejected) e).code()).isEqualTo(AudioRejected.AUDIO_TOO_LONG));
    }

    @Test
    void wavHeadersOutsideTheLimitsAreRefusedNamingEachParameterAndWhatIsAllowed() {
        assertRefused(() -> inspect(wav(1, 12, 48_000, 16, 4800, 4800)), AudioRejected.INVALID_AUDIO)
                .hasMessageContaining("12 channels (1 to 8 allowed)")
                .satisfies(e -> assertThat(found(e)).containsEntry("channels", 12))
                .satisfies(e -> assertThat(((AudioRejected) e).details().get("allowed"))
                        .asString()
                        .contains("max_samples_per_second=384000"));
        assertRefused(() -> inspect(wav(1, 1, 12_345, 16, 4800, 4800)), AudioRejected.INVALID_AUDIO)
                .hasMessageContaining("12345 Hz");
        assertRefused(() -> inspect(wav(1, 8, 96_000, 16, 4800, 4800)), AudioRejected.INVALID_AUDIO)
                .hasMessageContaining("768000 samples/s (at most 384000");
        assertRefused(() -> inspect(wav(6, 1, 8000, 8, 4800, 4800)), AudioRejected.INVALID_AUDIO)
                .hasMessageContaining("encoding format 6");
        assertRefused(() -> inspect(wav(1, 1, 16_000, 12, 4800, 4800)), AudioRejected.INVALID_AUDIO)
                .hasMessageContaining("12 bits");
    }

    @Test
    void aWavThatClaimsFourGigabytesIsRefusedFromItsHeaderAlone() throws IOException {
        byte[] header = wavHeader(1, 1, 16_000, 16, 0xfffffff0L);
        HostileAudio.PaddedStream in = new HostileAudio.PaddedStream(header, UPLOAD_SIZE);
        assertRefused(
                        () -> AudioStreamDecoder.decode(in, UPLOAD_SIZE, AudioLimits.UPLOADS, PcmSink.NONE),
                        AudioRejected.AUDIO_TOO_LONG)
                .hasMessageContaining("declares 134217.7 s")
                .satisfies(e -> assertThat(((AudioRejected) e).details()).containsEntry("max_seconds", 600.0));
        assertThat(in.read).as("nothing past the header was read").isLessThan(128 * 1024);
    }

    @Test
    void aStreamedWavIsStoppedAtTenMinutesWhateverFollows() {
        // Size 0xFFFFFFFF: "streamed", the data runs to the end; 50 MB of 8 kHz 8-bit mono is 109 minutes.
        byte[] header = wavHeader(1, 1, 8000, 8, 0xffffffffL);
        for (PcmSink sink : new PcmSink[] {PcmSink.NONE, new RecordingCollector()}) {
            HostileAudio.PaddedStream in = new HostileAudio.PaddedStream(header, UPLOAD_SIZE);
            long allocated = allocatedBy(refusedAsTooLong(in, UPLOAD_SIZE, sink));
            assertThat(in.read).as("stopped at 10 minutes, 4.8 MB").isBetween(4_800_000L, 5_000_000L);
            assertThat(allocated).isLessThan(sink == PcmSink.NONE ? ALLOCATION_BOUND : 4 * ALLOCATION_BOUND);
        }
    }

    @Test
    void aWavCutShortIsDecodedAsFarAsItGoesAndReportedIncomplete() throws IOException {
        byte[] file = wav(1, 1, 16_000, 16, 64_000, 32_000);
        DecodeResult result = inspect(file);
        assertThat(result.frames()).isEqualTo(16_000);
        assertThat(result.complete()).isFalse();
        assertThat(inspect(wav(1, 1, 16_000, 16, 32_000, 32_000)).complete()).isTrue();
    }

    @Test
    void theFlacBombOfTheIssueIsRefusedFromItsHeader() {
        // One hour of 8-channel 192 kHz 24-bit silence in under half a megabyte: 1.5 million samples a second.
        byte[] bomb = flacSilence(8, 192_000, 24, 3600L * 192_000, 3600);
        assertThat(bomb.length).isLessThan(500_000);
        assertRefused(() -> inspect(bomb), AudioRejected.INVALID_AUDIO)
                .hasMessageContaining("8 channels at 192000 Hz, 1536000 samples/s")
                .satisfies(e ->
                        assertThat(found(e)).containsEntry("format", "flac").containsEntry("sample_rate", 192_000));
        assertRefused(() -> inspect(flacHead(2, 44_100, 32, 44_100)), AudioRejected.INVALID_AUDIO)
                .hasMessageContaining("32 bits per sample (4 to 24 allowed)");
        assertRefused(() -> inspect(flacHead(1, 17_000, 16, 17_000)), AudioRejected.INVALID_AUDIO)
                .hasMessageContaining("17000 Hz");
    }

    @Test
    void aFlacDeclaringAnHourIsRefusedFromItsHeader() {
        byte[] hour = flacSilence(2, 48_000, 16, 3600L * 48_000, 3600);
        assertRefused(() -> inspect(hour), AudioRejected.AUDIO_TOO_LONG)
                .hasMessageContaining("declares 3600.0 s")
                .satisfies(e -> assertThat(((AudioRejected) e).details()).containsEntry("declared_seconds", 3600.0));
    }

    @Test
    void aFlacWithoutASampleCountIsStoppedAtTenMinutes() {
        // STREAMINFO's total 0 means "unknown": only decoding can tell, and it stops at the limit.
        byte[] hour = flacSilence(8, 48_000, 16, 0, 3600);
        for (PcmSink sink : new PcmSink[] {PcmSink.NONE, new RecordingCollector()}) {
            long allocated = allocatedBy(refusedAsTooLong(new ByteArrayInputStream(hour), hour.length, sink));
            // The RecordingCollector keeps 10 min at 16 kHz mono (38.4 MB) before the stop.
            assertThat(allocated).isLessThan(sink == PcmSink.NONE ? ALLOCATION_BOUND : 4 * ALLOCATION_BOUND);
        }
        DecodeResult nine = decodeAll(flacSilence(8, 48_000, 16, 0, 540));
        assertThat(nine.durationSeconds()).isEqualTo(540.0);
        assertThat(nine.complete()).isTrue();
    }

    private static DecodeResult decodeAll(byte[] bytes) {
        try {
            return inspect(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFlacWhoseFramesChangeShapeIsRefused() {
        byte[] head = flacHead(1, 16_000, 16, 0);
        byte[] frame = HostileAudio.constantFrame(0, 4096, 2, 16);
        byte[] file = new byte[head.length + frame.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(frame, 0, file, head.length, frame.length);
        assertRefused(() -> inspect(file), AudioRejected.INVALID_AUDIO).hasMessageContaining("changes from 1 channels");
    }

    @Test
    void anMp3OfTinyFramesUpToTheUploadSizeIsRefusedFromItsSizeAndBitrate() {
        // 72-byte frames of 576 samples at 8 kHz: 50 MB would last 14.5 hours.
        HostileAudio.Mp3FrameStream in = new HostileAudio.Mp3FrameStream(UPLOAD_SIZE, mp3Frame(8));
        assertRefused(
                        () -> AudioStreamDecoder.decode(in, UPLOAD_SIZE, AudioLimits.UPLOADS, PcmSink.NONE),
                        AudioRejected.AUDIO_TOO_LONG)
                .hasMessageContaining("estimated from its size and bitrate at 52428.8 s");
        assertThat(in.read).isLessThan(200 * 1024);
    }

    @Test
    void anMp3OfTinyFramesWithoutATrustworthyLengthIsStoppedAtTenMinutes() {
        // Alternating bitrates: no evidence of a constant bitrate, so no estimate; decoding must stop it.
        for (PcmSink sink : new PcmSink[] {PcmSink.NONE, new RecordingCollector()}) {
            HostileAudio.Mp3FrameStream in = new HostileAudio.Mp3FrameStream(UPLOAD_SIZE, mp3Frame(8), mp3Frame(16));
            long allocated = allocatedBy(refusedAsTooLong(in, UPLOAD_SIZE, sink));
            // 10 minutes at 8 kHz are 8,334 frames of 576 samples, 900 kB of these frames.
            assertThat(in.read).isLessThan(1_000_000L + AudioStreamDecoder.LOOKAHEAD + 64 * 1024);
            assertThat(allocated).isLessThan(sink == PcmSink.NONE ? ALLOCATION_BOUND : 4 * ALLOCATION_BOUND);
        }
        // A Xing tag that claims 100 frames is no licence to go on either.
        HostileAudio.Mp3FrameStream lying = new HostileAudio.Mp3FrameStream(UPLOAD_SIZE, mp3XingFrame(100));
        assertRefused(
                        () -> AudioStreamDecoder.decode(lying, -1, AudioLimits.UPLOADS, new RecordingCollector()),
                        AudioRejected.AUDIO_TOO_LONG)
                .hasMessageContaining("whatever its header declares");
        assertThat(lying.read).isLessThan(3_000_000L);
    }

    @Test
    void anMp3WhoseXingTagDeclaresAnHourIsRefusedFromIt() {
        byte[] file = new byte[2000];
        byte[] tag = mp3XingFrame(3600L * 8000 / 576);
        System.arraycopy(tag, 0, file, 0, tag.length);
        for (int at = tag.length; at + 72 <= file.length; at += 72) {
            System.arraycopy(mp3Frame(8), 0, file, at, 72);
        }
        assertRefused(() -> inspect(file), AudioRejected.AUDIO_TOO_LONG).hasMessageContaining("declares 3600");
        byte[] freeFormat = mp3Frame(8);
        freeFormat[2] = (byte) (freeFormat[2] & 0x0f);
        assertRefused(() -> inspect(freeFormat), AudioRejected.INVALID_AUDIO).hasMessageContaining("free-format");
    }

    @Test
    void anId3TagClaiming256MegabytesIsSkippedNotRead() {
        byte[] file = new byte[10 + 100];
        System.arraycopy("ID3".getBytes(), 0, file, 0, 3);
        file[3] = 4;
        file[6] = file[7] = file[8] = file[9] = 0x7f;
        assertRefused(() -> inspect(file), AudioRejected.UNSUPPORTED_AUDIO);
        assertThat(allocatedBy(() -> assertThatThrownBy(() -> inspect(file)).isInstanceOf(AudioRejected.class)))
                .isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void realRecordingsKeepTheirLengthWhenOnlyCounted() throws IOException {
        float[] x = io.voxify.inference.Acoustics.voiced(150, 44_100, 2.0);
        for (byte[] bytes :
                new byte[][] {WavWriter.write(x, 44_100), FlacEncoder.encode(x, 44_100), Mp3Encoder.encode(x, 44_100)
                }) {
            DecodeResult counted = inspect(bytes);
            assertThat(counted.frames()).isEqualTo(x.length);
            assertThat(counted.complete()).isTrue();
            assertThat(counted.header().declaredFrames()).isEqualTo(x.length);
            assertThat(AudioDecoder.decode(bytes).frameCount()).isEqualTo(x.length);
        }
    }

    @Test
    void analysingWhileDecodingGivesWhatAnalysingTheWholeDecodedFileGives() throws IOException {
        float[] voice = io.voxify.inference.Acoustics.voiced(140, 44_100, 4.0);
        float[][] stereo = {voice, new float[voice.length]};
        for (int i = 0; i < voice.length; i++) {
            stereo[1][i] = 0.5f * voice[i];
        }
        byte[] wav = stereoWav(stereo, 44_100);
        SampleAnalyzer analyzer = new SampleAnalyzer();
        SampleAnalysis whole = analyzer.analyze(AudioDecoder.decode(wav));
        RecordingCollector collector = new RecordingCollector();
        AudioStreamDecoder.decode(new ByteArrayInputStream(wav), wav.length, AudioLimits.UPLOADS, collector);
        SampleAnalysis streamed = analyzer.analyze(collector.finish());
        assertThat(streamed.metrics()).isEqualTo(whole.metrics());
        assertThat(streamed.speech16k()).containsExactly(whole.speech16k());
    }

    private static byte[] stereoWav(float[][] channels, int rate) {
        int n = channels[0].length;
        java.nio.ByteBuffer b =
                java.nio.ByteBuffer.wrap(wav(1, 2, rate, 16, n * 4L, n * 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.position(44);
        for (int i = 0; i < n; i++) {
            for (float[] c : channels) {
                b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(c[i] * 32768))));
            }
        }
        return b.array();
    }

    @Test
    void thePlatformsOwnAudioHasNoLengthCap() {
        DecodedAudio elevenMinutes = AudioDecoder.decode(wav(1, 1, 8000, 8, 11 * 60 * 8000, 11 * 60 * 8000));
        assertThat(elevenMinutes.durationSeconds()).isEqualTo(660.0);
    }
}
