package io.voxify.gateway.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code voxify.cors}: which other origins' browser pages may call the API.
 *
 * @param allowedOrigins origins allowed to call the API from a browser, comma separated; none by default
 */
@ConfigurationProperties("voxify.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {}
