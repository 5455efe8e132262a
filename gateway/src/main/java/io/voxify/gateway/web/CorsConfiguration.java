package io.voxify.gateway.web;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Browser clients on other origins, only those an operator names; preflight answered by Spring Security.
 * Covers the API ({@code /api/**}) and the OpenAI-compatible endpoints ({@code /v1/**}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
public class CorsConfiguration {

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties cors) {
        List<String> allowed = cors.allowedOrigins().stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        org.springframework.web.cors.CorsConfiguration config = new org.springframework.web.cors.CorsConfiguration();
        config.setAllowedOrigins(allowed);
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of(
                "Authorization", "Content-Type", "Accept", "Range", "If-None-Match", "Last-Event-ID", "X-Request-Id"));
        config.setExposedHeaders(List.of(
                "Content-Disposition",
                "Content-Range",
                "Accept-Ranges",
                "ETag",
                "Retry-After",
                "X-RateLimit-Limit",
                "X-RateLimit-Remaining",
                "X-RateLimit-Reset"));
        config.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", config);
        // The OpenAI-compatible endpoints: the OpenAI SDKs in a browser send X-Stainless-* headers of their own.
        org.springframework.web.cors.CorsConfiguration openAi =
                new org.springframework.web.cors.CorsConfiguration(config);
        openAi.setAllowedHeaders(List.of("*"));
        openAi.setExposedHeaders(Stream.concat(
                        config.getExposedHeaders().stream(),
                        Stream.of("X-Request-Id", "X-Voxify-Job-Id", "X-Voxify-File-Id"))
                .toList());
        source.registerCorsConfiguration("/v1/**", openAi);
        return source;
    }
}
