package io.voxify.inference.decoding;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.frame.Header;

/**
 * FLAC, read after its {@code fLaC} marker. The metadata is walked here and only STREAMINFO is kept: jflac
 * would read every block into memory (a picture or comment block may claim 16 MB), so it is handed a stream
 * that holds STREAMINFO alone, followed by the frames. Frames are decoded one by one; each must keep the
 * stream's channels, rate and sample size.
 */
final class FlacReader {
    private static final int STREAMINFO = 0;
    private static final int STREAMINFO_LENGTH = 34;
    private static final int INVALID_BLOCK_TYPE = 127;

    private FlacReader() {}

    static DecodeResult read(InputStream in, AudioLimits limits, PcmSink sink) throws IOException {
        byte[] info = readStreamInfo(in);
        int sampleRate = (info[10] & 0xff) << 12 | (info[11] & 0xff) << 4 | (info[12] & 0xff) >> 4;
        int channels = ((info[12] >> 1) & 7) + 1;
        int bits = (((info[12] & 1) << 4) | ((info[13] & 0xff) >> 4)) + 1;
        long total = ((long) (info[13] & 0x0f) << 32)
                | ((long) (info[14] & 0xff) << 24)
                | ((info[15] & 0xff) << 16)
                | ((info[16] & 0xff) << 8)
                | (info[17] & 0xff);
        String problem = bits < 4 || bits > 24 ? bits + " bits per sample (4 to 24 allowed)" : null;
        limits.check("flac", "flac " + bits + "-bit", problem, channels, sampleRate);
        // STREAMINFO may leave the total at 0 ("unknown"): then only the decoded length counts.
        AudioHeader header = new AudioHeader("flac", "flac", channels, sampleRate, bits, total > 0 ? total : -1, true);
        long maxFrames = limits.maxFrames(sampleRate);
        if (header.declaredFrames() > maxFrames) {
            throw AudioRejected.declaredTooLong(header, limits.maxSeconds());
        }
        sink.begin(header);

        byte[] onlyStreamInfo = new byte[8 + STREAMINFO_LENGTH];
        onlyStreamInfo[0] = 'f';
        onlyStreamInfo[1] = 'L';
        onlyStreamInfo[2] = 'a';
        onlyStreamInfo[3] = 'C';
        onlyStreamInfo[4] = (byte) 0x80;
        onlyStreamInfo[7] = STREAMINFO_LENGTH;
        System.arraycopy(info, 0, onlyStreamInfo, 8, STREAMINFO_LENGTH);
        FLACDecoder decoder = new FLACDecoder(new SequenceInputStream(new ByteArrayInputStream(onlyStreamInfo), in));
        decoder.readMetadata();

        boolean samples = sink.needsSamples();
        float scale = 1f / (1 << (bits - 1));
        float[][] block = new float[channels][0];
        long frames = 0;
        while (total <= 0 || frames < total) {
            Frame frame = decoder.readNextFrame();
            if (frame == null) {
                break;
            }
            Header h = frame.header;
            if (h.channels != channels || h.sampleRate != sampleRate || h.bitsPerSample != bits) {
                throw AudioRejected.broken("The FLAC stream changes from " + channels + " channels at " + sampleRate
                        + " Hz, " + bits + " bits, to " + h.channels + " channels at " + h.sampleRate + " Hz, "
                        + h.bitsPerSample + " bits at sample " + frames);
            }
            int n = total > 0 ? (int) Math.min(h.blockSize, total - frames) : h.blockSize;
            if (frames + n > maxFrames) {
                throw AudioRejected.decodedTooLong(header, limits.maxSeconds());
            }
            if (samples) {
                if (block[0].length < n) {
                    block = new float[channels][n];
                }
                ChannelData[] data = decoder.getChannelData();
                for (int c = 0; c < channels; c++) {
                    int[] pcm = data[c].getOutput();
                    float[] out = block[c];
                    for (int i = 0; i < n; i++) {
                        out[i] = pcm[i] * scale;
                    }
                }
                sink.accept(block, n);
            }
            frames += n;
        }
        return new DecodeResult(header, frames, total <= 0 || frames >= total);
    }

    /** STREAMINFO's 34 bytes; the blocks after it are skipped without being held. */
    private static byte[] readStreamInfo(InputStream in) throws IOException {
        byte[] blockHeader = new byte[4];
        byte[] info = null;
        boolean last = false;
        while (!last) {
            if (in.readNBytes(blockHeader, 0, 4) < 4) {
                throw AudioRejected.broken("The FLAC file is truncated in its metadata");
            }
            last = (blockHeader[0] & 0x80) != 0;
            int type = blockHeader[0] & 0x7f;
            long length = (blockHeader[1] & 0xff) << 16 | (blockHeader[2] & 0xff) << 8 | (blockHeader[3] & 0xff);
            if (info == null) {
                if (type != STREAMINFO || length < STREAMINFO_LENGTH) {
                    throw AudioRejected.broken("The FLAC file does not begin with its STREAMINFO block");
                }
                info = in.readNBytes(STREAMINFO_LENGTH);
                if (info.length < STREAMINFO_LENGTH) {
                    throw AudioRejected.broken("The FLAC file is truncated in its metadata");
                }
                length -= STREAMINFO_LENGTH;
            } else if (type == INVALID_BLOCK_TYPE) {
                throw AudioRejected.broken("The FLAC file has an invalid metadata block");
            }
            if (AudioStreamDecoder.skip(in, length) < length) {
                throw AudioRejected.broken("The FLAC file is truncated in its metadata");
            }
        }
        return info;
    }
}
