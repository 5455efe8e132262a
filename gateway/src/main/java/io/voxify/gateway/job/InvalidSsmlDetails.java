package io.voxify.gateway.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Where SSML text is malformed. {@code text_content} holds the whole sentence, as any invalid field's key does;
 * {@code line}, {@code column} and {@code reason} the same apart, for an editor to point at.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record InvalidSsmlDetails(String textContent, int line, int column, String reason) {}
