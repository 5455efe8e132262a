package io.voxify.gateway.security;

import io.voxify.gateway.web.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the caller in the log context ({@code user_id}) as soon as their access token has been
 * accepted, so every line logged while serving them says whose request it was. Runs inside the
 * security chain, after bearer authentication; {@link RequestContext} clears the key when the
 * request is done, after its access log line.
 */
final class CallerLogContext extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null
                && auth.isAuthenticated()
                && auth.getPrincipal() instanceof Jwt jwt
                && jwt.getSubject() != null) {
            MDC.put(RequestContext.MDC_USER_ID, jwt.getSubject());
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
