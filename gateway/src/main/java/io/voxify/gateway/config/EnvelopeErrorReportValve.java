package io.voxify.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.web.Envelope;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat refuses some requests before any servlet sees them: a malformed request line or header,
 * a header section over the size limit, an invalid percent-encoding or UTF-8 sequence in the path
 * or query (%ZZ, %FF, %00). Its own valve answers those with an HTML page; this one answers them
 * in the envelope like every other refusal, naming nothing internal.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {
    private static final ObjectMapper JSON = new ObjectMapper();

    public EnvelopeErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            // 505: the client spoke an HTTP version Tomcat does not; the fault is in the request
            case 505 -> ErrorCode.BAD_REQUEST;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
        String message = switch (status) {
            case 400 ->
                "The request could not be read: malformed request line, header, or encoding of the path or query";
            case 505 -> "The HTTP version is not supported";
            default -> status >= 500 ? "An unexpected error occurred" : "The request could not be handled";
        };
        try {
            String body = JSON.writeValueAsString(Envelope.failure(code.name(), message, null));
            response.setContentType("application/json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the connection is gone or the response already committed: nothing more can be said
        }
    }
}
