package io.voxify.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JSON bodies are small by nature (the longest legal text is 10,000 characters); anything far
 * larger is refused with 413 before it is read. Multipart uploads have their own limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter extends OncePerRequestFilter {
    private final long maxJsonBytes;
    private final ObjectMapper json;

    public BodySizeLimitFilter(JsonBodyProperties limits, ObjectMapper json) {
        this.maxJsonBytes = limits.maxJsonBodyBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        boolean multipart = type != null && type.toLowerCase().startsWith("multipart/");
        if (!multipart && request.getContentLengthLong() > maxJsonBytes) {
            Envelope.write(
                    response,
                    json,
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + maxJsonBytes + " bytes",
                    null);
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, multipart ? Long.MAX_VALUE : maxJsonBytes), response);
    }
}
