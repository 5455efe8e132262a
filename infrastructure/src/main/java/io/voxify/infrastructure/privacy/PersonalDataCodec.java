package io.voxify.infrastructure.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.events.common.OwnedByUser;
import io.voxify.events.privacy.Erasure;
import io.voxify.events.privacy.KeyScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Seals and opens the personal parts of stored events as JSON, where the event store keeps them. A sealed value
 * is an object {@code {"$key": "job:…", "$sealed": "<base64 nonce, ciphertext, tag>", "$erased": …}}: the
 * value's JSON under the key its schema names, bound to the key and to its path in the event, with what it reads
 * as once the key is destroyed. Opening needs no schema, so an event whose class was renamed or removed still
 * opens (and still erases). Metadata's {@code clientAddress} is sealed under the person it is the address of:
 * the signed-in caller, or the event's own user ({@link Erasure#DATA_SUBJECT}) when nobody was signed in.
 */
public class PersonalDataCodec {
    static final String KEY = "$key";
    static final String SEALED = "$sealed";
    static final String ERASED = "$erased";
    /** Metadata that says who connected from where: personal, sealed like payload fields. */
    public static final Set<String> PERSONAL_METADATA = Set.of("clientAddress");

    private static final String USER_ID = "userId";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PersonalKeys keys;

    public PersonalDataCodec(PersonalKeys keys) {
        this.keys = keys;
    }

    /**
     * Makes the keys of the resources a creating event names ({@link OwnedByUser}: a registration, a job, a
     * sample, a clone, a training run), owned by its user, so the events after it that name only the resource
     * (a job's completion, a training run's epochs) seal under a key its owner's deletion destroys.
     */
    public void claimKeys(OwnedByUser event) {
        String owner = event.userId();
        if (owner == null) {
            return;
        }
        for (Map.Entry<KeyScope, RecordComponent> id :
                PersonalFields.idComponents(event.getClass()).entrySet()) {
            Object resourceId;
            try {
                resourceId = id.getValue().getAccessor().invoke(event);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (resourceId != null) {
                keys.obtain(id.getKey().keyId(resourceId.toString()), owner);
            }
        }
    }

    /** {@link #claimKeys(OwnedByUser)} for an event of that class read as stored JSON (the migration's case). */
    public void claimKeys(Class<?> type, JsonNode payload) {
        String owner = payload.path(USER_ID).textValue();
        if (owner == null || !OwnedByUser.class.isAssignableFrom(type)) {
            return;
        }
        for (KeyScope scope : PersonalFields.idComponents(type).keySet()) {
            String resourceId = payload.path(scope.idComponent()).textValue();
            if (resourceId != null) {
                keys.obtain(scope.keyId(resourceId), owner);
            }
        }
    }

    /** Seals, in place, the personal fields of an event of this class written as {@code payload}. */
    public void seal(Class<?> type, ObjectNode payload) {
        PersonalFields.Schema schema = PersonalFields.of(type);
        if (!schema.isEmpty()) {
            sealFields(type, schema, payload, payload, "");
        }
    }

    private void sealFields(Class<?> type, PersonalFields.Schema schema, ObjectNode node, ObjectNode event, String at) {
        for (PersonalFields.Field field : schema.fields()) {
            JsonNode value = node.get(field.name());
            if (value == null || value.isNull() || isSealed(value)) {
                continue; // nothing to seal, or sealed already (a store migrated twice)
            }
            String path = at + field.name();
            String resourceId = event.path(field.scope().idComponent()).textValue();
            if (resourceId == null) {
                throw new IllegalStateException(type.getName() + " has personal data at " + path + " but no "
                        + field.scope().idComponent() + " to name its key");
            }
            String owner = field.scope() == KeyScope.USER
                    ? resourceId
                    : event.path(USER_ID).textValue();
            node.set(field.name(), sealed(field.scope().keyId(resourceId), owner, path, value, field.erased()));
        }
        for (PersonalFields.Nested nested : schema.nested()) {
            JsonNode child = node.get(nested.name());
            String path = at + nested.name() + ".";
            if (child instanceof ObjectNode object) {
                sealFields(type, nested.schema(), object, event, path);
            } else if (child instanceof ArrayNode array) {
                array.forEach(element -> {
                    if (element instanceof ObjectNode object) {
                        sealFields(type, nested.schema(), object, event, path);
                    }
                });
            }
        }
    }

    /** The value sealed under the key (made for the owner if new), or its erased form when the key is gone. */
    private JsonNode sealed(String keyId, String owner, String path, JsonNode value, JsonNode erased) {
        Optional<SecretKey> key = keys.obtain(keyId, owner);
        if (key.isEmpty()) {
            return erased.deepCopy(); // the resource was erased before this event: store nothing of it
        }
        byte[] plain;
        try {
            plain = JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode sealed = JsonNodeFactory.instance.objectNode();
        sealed.put(KEY, keyId);
        sealed.put(SEALED, Base64.getEncoder().encodeToString(KeyWrapping.seal(key.get(), plain, place(keyId, path))));
        sealed.set(ERASED, erased);
        return sealed;
    }

    /**
     * Opens, in place, every sealed value in a stored event's payload; the paths that read as erased because
     * their key is gone (empty when nothing was erased). Returns the tree to use: the argument itself, or the
     * opened value when the whole tree was one sealed value.
     */
    public Opened open(JsonNode payload) {
        List<String> erased = new ArrayList<>();
        JsonNode opened = openNode(payload, "", erased);
        return new Opened(opened, List.copyOf(erased));
    }

    /** An opened payload and what in it read as erased. */
    public record Opened(JsonNode payload, List<String> erased) {}

    private JsonNode openNode(JsonNode node, String path, List<String> erased) {
        if (node instanceof ObjectNode object) {
            if (isSealed(object)) {
                return openSealed(object, path, erased);
            }
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            for (Map.Entry<String, JsonNode> field : fields) {
                JsonNode child = field.getValue();
                JsonNode opened =
                        openNode(child, path.isEmpty() ? field.getKey() : path + "." + field.getKey(), erased);
                if (opened != child) {
                    object.set(field.getKey(), opened);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                JsonNode opened = openNode(child, path, erased);
                if (opened != child) {
                    array.set(i, opened);
                }
            }
        }
        return node;
    }

    static boolean isSealed(JsonNode node) {
        return node instanceof ObjectNode object
                && object.path(KEY).isTextual()
                && object.path(SEALED).isTextual();
    }

    private JsonNode openSealed(ObjectNode sealed, String path, List<String> erased) {
        String keyId = sealed.get(KEY).textValue();
        Optional<SecretKey> key = keys.find(keyId);
        if (key.isEmpty()) {
            erased.add(path);
            JsonNode value = sealed.get(ERASED);
            return value == null ? NullNode.getInstance() : value;
        }
        try {
            byte[] plain = KeyWrapping.open(
                    key.get(), Base64.getDecoder().decode(sealed.get(SEALED).textValue()), place(keyId, path));
            return JSON.readTree(plain);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "A sealed value at " + path + " does not open with key " + keyId + ": the event was altered", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Metadata to store: personal entries sealed under their person, dropped when no person is named. */
    public Map<String, Object> sealMetadata(Map<String, ?> metadata) {
        if (PERSONAL_METADATA.stream().noneMatch(metadata::containsKey)) {
            return null;
        }
        Object subject = metadata.get(USER_ID) != null ? metadata.get(USER_ID) : metadata.get(Erasure.DATA_SUBJECT);
        Map<String, Object> stored = new LinkedHashMap<>();
        metadata.forEach((name, value) -> {
            if (!PERSONAL_METADATA.contains(name) || value == null || isSealed(JSON.valueToTree(value))) {
                stored.put(name, value);
            } else if (subject != null) {
                // Whose address it is decides the key; nobody's (no caller, no user in the event): not kept.
                stored.put(
                        name,
                        sealed(
                                KeyScope.USER.keyId(subject.toString()),
                                subject.toString(),
                                "metadata." + name,
                                JSON.valueToTree(value),
                                PersonalFields.erasedValue(value.getClass())));
            }
        });
        return stored;
    }

    /** Stored metadata opened: sealed entries read plain, or erased (their paths added to {@code erased}). */
    public Map<String, Object> openMetadata(Map<String, ?> metadata, List<String> erased) {
        Map<String, Object> opened = null;
        for (Map.Entry<String, ?> entry : metadata.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?>) {
                JsonNode node = JSON.valueToTree(entry.getValue());
                if (isSealed(node)) {
                    if (opened == null) {
                        opened = new LinkedHashMap<>(metadata);
                    }
                    JsonNode value = openSealed((ObjectNode) node, "metadata." + entry.getKey(), erased);
                    opened.put(entry.getKey(), JSON.convertValue(value, Object.class));
                }
            }
        }
        return opened;
    }

    /** What binds a sealed value to its place: its key and its path in the event. */
    private static String place(String keyId, String path) {
        return keyId + "|" + path;
    }
}
