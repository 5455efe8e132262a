package io.voxify.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: a hostile client is not bound by what
 * java.net.http will send (invalid percent-encodings, raw bytes in the path, duplicate or
 * malformed headers). One request per connection; an event stream or a body past the cap is cut
 * after what was read, as a client walking away would.
 */
public final class RawHttp {
    static final int BODY_CAP = 4 * 1024 * 1024;

    private RawHttp() {}

    public record Response(int status, Map<String, List<String>> headers, byte[] body, long millis) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean isEventStream() {
            String type = header("content-type");
            return type != null && type.startsWith("text/event-stream");
        }

        public JsonNode json() {
            try {
                return ApiClient.JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** A request line, headers (in order, duplicates kept) and a body; Host and Connection: close are added. */
    public static byte[] request(String method, String target, List<String[]> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** A body sent in chunks, so the server learns its size only by reading it. */
    public static byte[] chunkedRequest(String method, String target, List<String[]> headers, byte[] body, int chunk) {
        List<String[]> all = new ArrayList<>(headers);
        all.add(new String[] {"Transfer-Encoding", "chunked"});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(request(method, target, all, null));
        for (int at = 0; at < body.length; at += chunk) {
            int n = Math.min(chunk, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    public static Response send(int port, byte[] request, Duration timeout) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedMidBody) {
                // The server may answer and close before a large body is all sent; read what it said.
            }
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IllegalStateException("The server closed the connection without an answer");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(
                                line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            Response head = new Response(status, headers, new byte[0], 0);
            byte[] body = head.isEventStream() ? new byte[0] : body(in, head);
            return new Response(status, headers, body, (System.nanoTime() - start) / 1_000_000);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No complete answer within " + timeout, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] body(InputStream in, Response head) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = head.header("content-length");
        if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            while (body.size() < BODY_CAP) {
                String size = line(in);
                if (size == null) {
                    break;
                }
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    break;
                }
                body.writeBytes(in.readNBytes(n));
                line(in);
            }
        } else if (length != null) {
            body.writeBytes(in.readNBytes((int) Math.min(BODY_CAP, Long.parseLong(length))));
        } else {
            body.writeBytes(in.readNBytes(BODY_CAP));
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
