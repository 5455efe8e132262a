package io.voxify.saga.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * Secrets that events carry for the aggregates' sake (password hashes) never leave the event
 * store: wherever events are shown or sent (the audit API, the analytics exchange), such fields
 * are replaced by a marker. Names match in any case and with or without underscores, so both the
 * stored camelCase and the API's snake_case are covered.
 */
public final class SecretFields {
    public static final String REDACTED = "[redacted]";
    private static final Set<String> NAMES = Set.of(
            "passwordhash",
            "password",
            "currentpassword",
            "newpassword",
            "refreshtoken",
            "token",
            "secret",
            "secretkey");

    private SecretFields() {}

    /** Replaces every secret field in the tree (nested objects and arrays too); returns the same tree. */
    public static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (isSecret(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(object.textNode(REDACTED));
                } else {
                    redact(field.getValue());
                }
            });
        } else if (node != null && node.isArray()) {
            node.forEach(SecretFields::redact);
        }
        return node;
    }

    static boolean isSecret(String name) {
        return NAMES.contains(name.replace("_", "").toLowerCase(Locale.ROOT));
    }
}
