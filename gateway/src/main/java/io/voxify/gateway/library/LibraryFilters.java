package io.voxify.gateway.library;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.SortedSet;

/**
 * The list's {@code meta.filters}: every value each filter could take among the voices the caller can list,
 * whatever the page's own filters, each set in its natural order.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LibraryFilters(
        SortedSet<String> availableTags,
        SortedSet<String> availableLanguages,
        SortedSet<String> availableTypes,
        SortedSet<String> availableEngines) {}
