package io.voxify.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.common.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A worker node ({@code voxify.role=worker}) runs inference and serves only its health and
 * metrics; API requests that reach it by mistake are told where they belong.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
@ConditionalOnProperty(name = "voxify.role", havingValue = "worker")
public class NodeRoleFilter extends OncePerRequestFilter {
    private final ObjectMapper json;

    public NodeRoleFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Envelope.write(
                response,
                json,
                ErrorCode.NOT_FOUND,
                "This node runs workers only; send API requests to an API node",
                null);
    }
}
