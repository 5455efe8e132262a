package io.voxify.gateway.web;

import java.util.Map;

/**
 * limit/offset or page/page_size, whichever the client uses, and the pagination block that
 * describes the answer in both vocabularies.
 */
public record Pagination(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static Pagination from(Map<String, String> params, Map<String, String> errors) {
        boolean paged = params.containsKey("page") || params.containsKey("page_size");
        if (paged) {
            int size = integer(params.get("page_size"), "page_size", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
            int page = integer(params.get("page"), "page", 1, 1, 1_000_000, errors);
            return new Pagination(size, (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * size));
        }
        int limit = integer(params.get("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        int offset = integer(params.get("offset"), "offset", 0, 0, Integer.MAX_VALUE, errors);
        return new Pagination(limit, offset);
    }

    /** The pagination block of a page of {@code totalCount} items. */
    public PageMeta page(long totalCount) {
        long totalPages = totalCount == 0 ? 0 : (totalCount + limit - 1) / limit;
        boolean more = offset + (long) limit < totalCount;
        return new PageMeta(totalCount, limit, offset, more, offset / limit + 1, limit, totalPages, more, offset > 0);
    }

    /** The {@code meta} of a list answer that has only its pagination to say. */
    public ListMeta meta(long totalCount) {
        return new ListMeta(page(totalCount));
    }

    private static int integer(String value, String name, int fallback, int min, int max, Map<String, String> errors) {
        return (int) QueryParams.integer(value, name, fallback, min, max, errors);
    }
}
