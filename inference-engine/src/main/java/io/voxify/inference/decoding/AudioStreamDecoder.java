package io.voxify.inference.decoding;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Decodes WAV, MP3 or FLAC from a stream, recognised by content, within {@link AudioLimits}: the header is
 * judged first (container, encoding, channels, rate, declared length), then the audio is read block by block
 * and decoding stops as soon as it passes the length limit, whatever the header declared. Nothing but a
 * bounded buffer is held here (about 200 kB; up to 4 MB for a FLAC of 8 channels at the largest block
 * size): what is kept is up to the {@link PcmSink}.
 *
 * <p>Refusals are {@link AudioRejected}; an {@link IOException} only ever means the source itself could not
 * be read (a storage failure), never that its content is bad.
 */
public final class AudioStreamDecoder {

    /** Room to look ahead: the sniffed head and up to 16 MP3 frame headers. */
    static final int LOOKAHEAD = 32 * 1024;

    private AudioStreamDecoder() {}

    /**
     * @param sizeBytes the stream's length when known (it lets an MP3 without a frame count be estimated), or -1
     */
    public static DecodeResult decode(InputStream in, long sizeBytes, AudioLimits limits, PcmSink sink)
            throws IOException {
        GuardedSource source = new GuardedSource(in);
        try {
            PushbackInputStream stream = new PushbackInputStream(new BufferedInputStream(source, 64 * 1024), LOOKAHEAD);
            return dispatch(stream, sizeBytes, limits, sink);
        } catch (AudioRejected rejected) {
            throw rejected;
        } catch (IOException | RuntimeException e) {
            if (source.failure != null) {
                throw source.failure;
            }
            throw AudioRejected.broken("The audio could not be decoded; it may be truncated or corrupt ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static DecodeResult dispatch(PushbackInputStream in, long sizeBytes, AudioLimits limits, PcmSink sink)
            throws IOException {
        byte[] head = in.readNBytes(12);
        if (head.length < 12) {
            throw AudioRejected.notAudio("The audio is empty or too short to be WAV, MP3 or FLAC");
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) {
            return WavReader.read(in, limits, sink);
        }
        in.unread(head);
        long offset = 0;
        byte[] id3 = new byte[10];
        while (true) {
            int n = in.readNBytes(id3, 0, 10);
            if (n == 10 && ascii(id3, 0, "ID3")) {
                long size = (id3[6] & 0x7f) << 21 | (id3[7] & 0x7f) << 14 | (id3[8] & 0x7f) << 7 | (id3[9] & 0x7f);
                long tag = size + ((id3[5] & 0x10) != 0 ? 10 : 0);
                if (skip(in, tag) < tag) {
                    throw AudioRejected.notAudio("The file holds an ID3 tag and no audio");
                }
                offset += 10 + tag;
                continue;
            }
            in.unread(id3, 0, n);
            break;
        }
        byte[] probe = in.readNBytes(4);
        in.unread(probe);
        if (ascii(probe, 0, "fLaC")) {
            in.skipNBytes(4);
            return FlacReader.read(in, limits, sink);
        }
        if (Mp3Reader.isFrameHeader(probe, 0, probe.length)) {
            return Mp3Reader.read(in, offset, sizeBytes, limits, sink);
        }
        throw AudioRejected.notAudio("The audio is not WAV, MP3 or FLAC (recognised by its content, not its name)");
    }

    /** Skips up to {@code n} bytes; fewer only at the end of the stream. */
    static long skip(InputStream in, long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            long s = in.skip(n - skipped);
            if (s <= 0) {
                if (in.read() < 0) {
                    break;
                }
                s = 1;
            }
            skipped += s;
        }
        return skipped;
    }

    static boolean ascii(byte[] b, int offset, String text) {
        if (offset < 0 || offset + text.length() > b.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Remembers a failure of the source itself, so that it is not mistaken for bad content. */
    private static final class GuardedSource extends FilterInputStream {
        IOException failure;

        GuardedSource(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
