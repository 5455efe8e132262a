package io.voxify.gateway.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A list page described in both vocabularies clients page with: limit/offset ({@code has_more}) and
 * page/page_size ({@code has_next}, {@code has_prev}). The API document has called it {@code Pagination}.
 */
@Schema(name = "Pagination")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
    "total_count",
    "limit",
    "offset",
    "has_more",
    "page",
    "page_size",
    "total_pages",
    "has_next",
    "has_prev"
})
public record PageMeta(
        long totalCount,
        int limit,
        int offset,
        boolean hasMore,
        int page,
        int pageSize,
        long totalPages,
        boolean hasNext,
        boolean hasPrev) {}
