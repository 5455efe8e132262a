package io.voxify.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.voxify.events.common.ErrorCode;
import io.voxify.gateway.console.ConsoleConfiguration;
import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.ErrorStatuses;
import io.voxify.infrastructure.DataDirectories;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import javax.crypto.SecretKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless bearer-token security: the app issues HS256 access tokens and validates them as an
 * OAuth2 resource server. Every refusal is written in the envelope.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, DataDirectories.class})
public class SecurityConfiguration {

    @Bean
    SecretKey jwtSigningKey(SecurityProperties security, DataDirectories directories) {
        return SigningKeyProvider.load(security.jwtSecret(), directories.dataDir());
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey key) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    @Bean
    JwtDecoder jwtDecoder(
            SecretKey key, AccessTokenRevocations revocations, SessionVersions sessions, SignedOutSessions signedOut) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        OAuth2TokenValidator<Jwt> accessOnly =
                jwt -> TokenService.ACCESS_TYPE.equals(jwt.getClaimAsString(TokenService.TYPE_CLAIM))
                                && !revocations.isRevoked(jwt.getId())
                                && currentSession(jwt, sessions)
                                && !signedOut.isSignedOut(TokenService.sessionId(jwt))
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(
                                new OAuth2Error("invalid_token", "Token revoked or not an access token", null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(TokenService.ISSUER), accessOnly));
        return decoder;
    }

    private static boolean currentSession(Jwt jwt, SessionVersions sessions) {
        Object claim = jwt.getClaim(TokenService.SESSION_VERSION_CLAIM);
        return claim instanceof Number n
                && jwt.getSubject() != null
                && n.intValue() == sessions.current(jwt.getSubject());
    }

    @Bean
    TokenService tokenService(JwtEncoder encoder, SessionVersions sessions, SecurityProperties security) {
        return new TokenService(encoder, security.accessTokenTtl(), sessions);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new PrehashedBcryptPasswordEncoder(10);
    }

    @Bean
    io.voxify.events.user.PasswordVerifier passwordVerifier(PasswordEncoder encoder) {
        return encoder::matches;
    }

    /** Paths the firewall refuses (encoded slashes, "..", etc.) get a 400 in the envelope too. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (request, response, e) ->
                write(response, json, ErrorCode.BAD_REQUEST, "The request path is not acceptable");
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, ObjectMapper json, MetricsScrapeAccess metrics)
            throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            String role = jwt.getClaimAsString(TokenService.ROLE_CLAIM);
            return role == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase()));
        });
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> {})
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        consolePages(),
                        new StaticHeadersWriter(
                                "Content-Security-Policy", ConsoleConfiguration.CONTENT_SECURITY_POLICY))))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh")
                        .permitAll()
                        // Metrics are let through only by MetricsScrapeAccess (a scrape token or the
                        // management port), which runs before this.
                        .requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        // A signed link carries its own proof (FileController.signed,
                        // SampleAudioController.signed); nothing else is public.
                        .requestMatchers(
                                HttpMethod.GET, "/api/v1/files/audio/*/signed", "/api/v1/voice/samples/*/audio/signed")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, ConsoleConfiguration.PUBLIC_PATHS.toArray(String[]::new))
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**")
                        .hasRole("ADMIN")
                        // Auditors read the audit trail and their own account, nothing else.
                        .requestMatchers("/api/v1/audit/events", "/api/v1/audit/events/**")
                        .hasAnyRole("ADMIN", "AUDITOR")
                        .requestMatchers("/api/v1/audit/**", "/api/v1/auth/**")
                        .authenticated()
                        .anyRequest()
                        .hasAnyRole("USER", "ADMIN"))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint((request, response, e) -> {
                            boolean presented = request.getHeader("Authorization") != null;
                            write(
                                    response,
                                    json,
                                    presented ? ErrorCode.INVALID_TOKEN : ErrorCode.UNAUTHORIZED,
                                    presented ? "The access token is invalid or expired" : "Authentication required");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                write(response, json, ErrorCode.FORBIDDEN, "You are not allowed to do this")))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) ->
                                write(response, json, ErrorCode.UNAUTHORIZED, "Authentication required"))
                        .accessDeniedHandler((request, response, e) ->
                                write(response, json, ErrorCode.FORBIDDEN, "You are not allowed to do this")))
                .addFilterBefore(metrics.filter(), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new CallerLogContext(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    private static RequestMatcher consolePages() {
        return new OrRequestMatcher(ConsoleConfiguration.PUBLIC_PATHS.stream()
                .map(path -> (RequestMatcher)
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, path))
                .toList());
    }

    private static void write(HttpServletResponse response, ObjectMapper json, ErrorCode code, String message)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(ErrorStatuses.of(code));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (ErrorStatuses.of(code) == 401) {
            response.setHeader(
                    "WWW-Authenticate", code == ErrorCode.INVALID_TOKEN ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        json.writeValue(response.getOutputStream(), Envelope.failure(code.name(), message, null));
    }
}
