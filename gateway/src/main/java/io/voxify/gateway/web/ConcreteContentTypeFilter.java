package io.voxify.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A body's Content-Type names what the body is, so a wildcard ({@code *}/{@code *},
 * {@code application/*}) says nothing; Spring MVC meets one with an assertion that escaped as a
 * 500. Refused here with 415, as any type the API cannot read. Malformed types are left to Spring
 * MVC, which already answers them with 415.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class ConcreteContentTypeFilter extends OncePerRequestFilter {
    /** Methods whose requests no route reads a body from: what a client says their body is does not matter. */
    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "OPTIONS");

    private final ObjectMapper json;

    public ConcreteContentTypeFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && !type.isBlank() && !BODILESS.contains(request.getMethod())) {
            try {
                MediaType media = MediaType.parseMediaType(type);
                if (media.isWildcardType() || media.isWildcardSubtype()) {
                    Envelope.write(
                            response,
                            json,
                            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                            "Content-Type must name the body's type (such as application/json), not a wildcard",
                            null);
                    return;
                }
            } catch (InvalidMediaTypeException malformed) {
                // Spring MVC answers a malformed type with 415 itself
            }
        }
        chain.doFilter(request, response);
    }
}
