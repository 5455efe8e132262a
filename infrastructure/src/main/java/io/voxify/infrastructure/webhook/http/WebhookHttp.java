package io.voxify.infrastructure.webhook.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to an address chosen beforehand: the connection goes to exactly the
 * {@link InetAddress} the caller checked (no DNS look-up of its own, so a name cannot be re-pointed
 * between check and call), TLS still verifies the certificate against the URL's host name (and sends it
 * as SNI), redirects are not followed (a 3xx is just a status), and only the status line is read.
 */
final class WebhookHttp {
    private static final int MAX_STATUS_LINE = 8192;

    private final Duration connectTimeout;
    private final Duration totalTimeout;

    WebhookHttp(Duration connectTimeout, Duration totalTimeout) {
        this.connectTimeout = connectTimeout;
        this.totalTimeout = totalTimeout;
    }

    int post(URI uri, InetAddress address, Map<String, String> headers, byte[] body) throws IOException {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String host = uri.getHost();
        String sniHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        Socket plain = new Socket();
        Socket channel = plain;
        try {
            plain.connect(new InetSocketAddress(address, port), (int) Math.max(1, connectTimeout.toMillis()));
            if (tls) {
                SSLSocket ssl = (SSLSocket)
                        ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, sniHost, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.setSoTimeout(remaining(deadline));
                ssl.startHandshake();
                channel = ssl;
            }
            channel.setSoTimeout(remaining(deadline));
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
            StringBuilder head = new StringBuilder();
            head.append("POST ").append(path).append(" HTTP/1.1\r\n");
            head.append("Host: ")
                    .append(host)
                    .append(uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    .append("\r\n");
            headers.forEach((name, value) -> head.append(name)
                    .append(": ")
                    .append(value.replaceAll("[\r\n]", " "))
                    .append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\n");
            head.append("Connection: close\r\n\r\n");
            OutputStream out = channel.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return readStatus(channel, deadline);
        } finally {
            channel.close();
            plain.close();
        }
    }

    /** The receiver answered, but not with an HTTP status line. */
    static final class InvalidResponseException extends IOException {
        InvalidResponseException(String message) {
            super(message);
        }
    }

    private static int readStatus(Socket channel, long deadline) throws IOException {
        InputStream in = channel.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            channel.setSoTimeout(remaining(deadline));
            int b = in.read();
            if (b < 0 && line.size() == 0) {
                throw new EOFException("connection closed without an answer");
            }
            if (b < 0 || b == '\n') {
                break;
            }
            if (line.size() >= MAX_STATUS_LINE) {
                throw new InvalidResponseException("status line too long");
            }
            line.write(b);
        }
        String status = line.toString(StandardCharsets.ISO_8859_1).trim();
        String[] parts = status.split(" ", 3);
        // What the remote side said goes to the log at most, never into the recorded attempt.
        if (parts.length < 2 || !parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/")) {
            throw new InvalidResponseException(
                    "not an HTTP response: " + (status.length() > 80 ? status.substring(0, 80) : status));
        }
        try {
            int code = Integer.parseInt(parts[1]);
            if (code < 100 || code > 999) {
                throw new InvalidResponseException("not an HTTP status: " + code);
            }
            return code;
        } catch (NumberFormatException e) {
            throw new InvalidResponseException("not an HTTP status: " + parts[1]);
        }
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long millis = (deadline - System.nanoTime()) / 1_000_000;
        if (millis <= 0) {
            throw new SocketTimeoutException("no answer within the total timeout");
        }
        return (int) millis;
    }
}
