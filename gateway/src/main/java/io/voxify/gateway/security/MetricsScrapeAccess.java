package io.voxify.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.web.Envelope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read {@code /actuator/prometheus}. The metrics name routes, users' traffic and the
 * platform's internals, so they are not public: with a scrape token configured
 * ({@code voxify.security.metrics-token}, {@code VOXIFY_METRICS_TOKEN}) a scrape must send it as
 * {@code Authorization: Bearer <token>} on whichever port it reaches; without one, metrics are
 * served only on a separate management port ({@code MANAGEMENT_SERVER_PORT}), which an operator
 * keeps off the public network, and the application's own port answers as if there were no such
 * endpoint. Health and info stay public.
 * <p>
 * The check runs inside the security chain, which Spring Boot also applies to the management port.
 * The scrape token is not an access token, so once accepted the header is hidden from the bearer
 * token authentication that follows.
 */
@Component
public class MetricsScrapeAccess implements ApplicationListener<WebServerInitializedEvent> {
    static final String PATH = "/actuator/prometheus";

    private final byte[] expected;
    private final ObjectMapper json;
    private volatile int managementPort = -1;
    private volatile int applicationPort = -1;

    public MetricsScrapeAccess(SecurityProperties security, ObjectMapper json) {
        String token = security.metricsToken();
        String trimmed = token == null ? "" : token.trim();
        this.expected = trimmed.isEmpty() ? null : ("Bearer " + trimmed).getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    /** The management server, when it has a port of its own, starts in a child context named "management". */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            managementPort = port;
        } else if (event.getApplicationContext().getServerNamespace() == null) {
            applicationPort = port;
        }
    }

    /** The port metrics are served on without a token, if any. */
    public int managementPort() {
        return managementPort != applicationPort ? managementPort : -1;
    }

    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                return !(path.equals(PATH) || path.startsWith(PATH + "/"));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (expected != null) {
                    if (!presentsToken(request)) {
                        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
                        Envelope.write(
                                response,
                                json,
                                ErrorCode.UNAUTHORIZED,
                                "Metrics need the scrape token (Authorization: Bearer <token>)",
                                null);
                        return;
                    }
                    chain.doFilter(withoutAuthorization(request), response);
                    return;
                }
                int management = managementPort();
                if (management > 0 && request.getLocalPort() == management) {
                    chain.doFilter(request, response);
                    return;
                }
                Envelope.write(response, json, ErrorCode.NOT_FOUND, "No such endpoint", null);
            }
        };
    }

    /** Compared in constant time: how long a wrong guess takes says nothing about the token. */
    private boolean presentsToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpServletRequest withoutAuthorization(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                        ? Collections.emptyEnumeration()
                        : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                        .filter(h -> !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(h))
                        .toList());
            }
        };
    }
}
