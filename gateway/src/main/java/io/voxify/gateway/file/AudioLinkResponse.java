package io.voxify.gateway.file;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A signed link to audio, as the API answers it for a file or a voice sample.
 *
 * @param url       the path that serves the audio, with the user, session, expiry and signature as query parameters
 * @param expiresAt when the link stops working, unless the session ends first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AudioLinkResponse(String url, String expiresAt) {}
