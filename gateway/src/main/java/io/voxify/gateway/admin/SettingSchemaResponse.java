package io.voxify.gateway.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One platform setting as {@code GET /api/v1/admin/config/schema} describes it. Bounds that do not apply to the
 * setting's type are written as null.
 *
 * @param defaultValue  this node's default, an integer, boolean or string as the setting's type
 * @param max           this node's max for an integer setting
 * @param allowedValues the values a string setting takes, null when any text within {@code maxLength} does
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SettingSchemaResponse(
        String name,
        String type,
        String label,
        String description,
        // "default" is a Java keyword: the component cannot carry the key's name.
        @JsonProperty("default") Object defaultValue,
        Long min,
        Long max,
        Integer maxLength,
        List<String> allowedValues) {}
