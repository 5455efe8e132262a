package io.voxify.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is a sane token, a new
 * one otherwise), answers it in {@code X-Request-Id}, and keeps it with the caller's address and
 * correlation id for the request's thread: every command sent while serving the request carries
 * them as metadata into the events it causes (where the address is sealed under its person's
 * key), and the logs carry the ids (MDC). The address stays out of the logs: a log line cannot be
 * erased with the person, and the request id leads to the address in the audit trail. An asynchronous
 * request (SSE) keeps the same context when the container dispatches it again. This filter owns
 * the request's log context: what inner filters add to it (the caller's {@code user_id}) is
 * cleared here too, after the access log line has been written with it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestContext extends OncePerRequestFilter {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    public static final String MDC_REQUEST_ID = "request_id";
    public static final String MDC_CORRELATION_ID = "correlation_id";
    public static final String MDC_USER_ID = "user_id";
    private static final String ATTRIBUTE = RequestContext.class.getName();
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    /** What is known about the request being served on this thread. */
    public record Current(String requestId, String correlationId, String clientAddress) {}

    public static Optional<Current> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * {@code work} to be run later on another thread as part of this request: it sees the request's
     * context there (its log lines name the request, its commands carry the request's metadata).
     * For threads that run nothing else at the same time; the context is cleared afterwards.
     */
    public static <T> Supplier<T> carrying(Supplier<T> work) {
        Current current = CURRENT.get();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        return () -> {
            CURRENT.set(current);
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return work.get();
            } finally {
                CURRENT.remove();
                MDC.clear();
            }
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Current current =
                request.getAttribute(ATTRIBUTE) instanceof Current earlier ? earlier : begin(request, response);
        CURRENT.set(current);
        MDC.put(MDC_REQUEST_ID, current.requestId());
        MDC.put(MDC_CORRELATION_ID, current.correlationId());
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
            MDC.remove(MDC_REQUEST_ID);
            MDC.remove(MDC_CORRELATION_ID);
            MDC.remove(MDC_USER_ID);
        }
    }

    private static Current begin(HttpServletRequest request, HttpServletResponse response) {
        String requestId = sane(request.getHeader(REQUEST_ID_HEADER))
                .orElseGet(() -> "req_" + UUID.randomUUID().toString().replace("-", ""));
        String correlationId = sane(request.getHeader(CORRELATION_ID_HEADER)).orElse(requestId);
        Current current = new Current(requestId, correlationId, request.getRemoteAddr());
        request.setAttribute(ATTRIBUTE, current);
        response.setHeader(REQUEST_ID_HEADER, requestId);
        response.setHeader(CORRELATION_ID_HEADER, correlationId);
        return current;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    private static Optional<String> sane(String header) {
        return header != null && SANE_ID.matcher(header).matches() ? Optional.of(header) : Optional.empty();
    }
}
