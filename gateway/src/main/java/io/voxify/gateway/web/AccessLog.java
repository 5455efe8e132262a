package io.voxify.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request, written when it is answered (an SSE stream when it ends), inside
 * {@link RequestContext} so it carries the request id, correlation id and caller (never the client's
 * address: see {@link RequestContext}).
 * Probes and scrapes of {@code /actuator} log at debug level: they come every few seconds and say
 * nothing about the API's use. The query string is left out, as search text can be personal.
 * The logger is {@code io.voxify.access}, so operators can silence it on its own.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AccessLog extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger("io.voxify.access");
    private static final String STARTED = AccessLog.class.getName() + ".started";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request.getAttribute(STARTED) instanceof Long)) {
            request.setAttribute(STARTED, System.nanoTime());
        }
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (!request.isAsyncStarted()) {
                write(request, failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus());
            }
        }
    }

    private static void write(HttpServletRequest request, int status) {
        boolean probe = request.getRequestURI().startsWith("/actuator/");
        if (probe ? !log.isDebugEnabled() : !log.isInfoEnabled()) {
            return;
        }
        long millis = (System.nanoTime() - (Long) request.getAttribute(STARTED)) / 1_000_000;
        String format = "{} {} {} {} ms";
        Object[] args = {request.getMethod(), request.getRequestURI(), status, millis};
        if (probe) {
            log.debug(format, args);
        } else {
            log.info(format, args);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
