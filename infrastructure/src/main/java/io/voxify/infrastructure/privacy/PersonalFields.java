package io.voxify.infrastructure.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.voxify.events.privacy.Erasure;
import io.voxify.events.privacy.KeyScope;
import io.voxify.events.privacy.PersonalData;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which parts of an event are personal, read once per event class from its {@link PersonalData} components:
 * the stored events' schema of personal data. Records an event holds (and lists of them) are searched too,
 * so a file name inside a sample's audio description is found.
 */
public final class PersonalFields {
    private static final ClassValue<Schema> SCHEMAS = new ClassValue<>() {
        @Override
        protected Schema computeValue(Class<?> type) {
            return read(type, 0);
        }
    };
    private static final ClassValue<Map<KeyScope, RecordComponent>> ID_COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<KeyScope, RecordComponent> computeValue(Class<?> type) {
            Map<KeyScope, RecordComponent> ids = new EnumMap<>(KeyScope.class);
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    for (KeyScope scope : KeyScope.values()) {
                        if (scope.idComponent().equals(component.getName()) && component.getType() == String.class) {
                            ids.put(scope, component);
                        }
                    }
                }
            }
            return Map.copyOf(ids);
        }
    };
    private static final int MAX_DEPTH = 8;

    private PersonalFields() {}

    public static Schema of(Class<?> type) {
        return SCHEMAS.get(type);
    }

    /** The components of an event record that name a resource with a key (its {@code jobId}, {@code userId}, ...). */
    public static Map<KeyScope, RecordComponent> idComponents(Class<?> type) {
        return ID_COMPONENTS.get(type);
    }

    /** One record's personal components and the records inside it that have some. */
    public record Schema(List<Field> fields, List<Nested> nested) {
        static final Schema NONE = new Schema(List.of(), List.of());

        public boolean isEmpty() {
            return fields.isEmpty() && nested.isEmpty();
        }

        /** Every personal path, e.g. {@code text} or {@code audio.originalFilename}, for documentation and tests. */
        public List<String> paths() {
            List<String> paths = new ArrayList<>();
            fields.forEach(f -> paths.add(f.name()));
            nested.forEach(n -> n.schema().paths().forEach(p -> paths.add(n.name() + "." + p)));
            return paths;
        }
    }

    /**
     * A personal component.
     *
     * @param erased how it reads once its key is gone: a text {@link Erasure#ERASED}, a list empty, else null
     */
    public record Field(String name, KeyScope scope, JsonNode erased) {}

    /** A component holding a record (or a list of records) with personal components of its own. */
    public record Nested(String name, Schema schema) {}

    private static Schema read(Class<?> type, int depth) {
        if (!type.isRecord() || depth > MAX_DEPTH) {
            return Schema.NONE;
        }
        List<Field> fields = new ArrayList<>();
        List<Nested> nested = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            PersonalData personal = component.getAnnotation(PersonalData.class);
            if (personal != null) {
                if (component.getType().isPrimitive()) {
                    throw new IllegalStateException(type.getName() + "." + component.getName()
                            + " is personal but primitive: an erased value could not be told from a real one");
                }
                fields.add(new Field(component.getName(), personal.value(), erasedValue(component.getType())));
                continue;
            }
            Class<?> inner = elementRecord(component);
            if (inner != null) {
                Schema schema = read(inner, depth + 1);
                if (!schema.isEmpty()) {
                    nested.add(new Nested(component.getName(), schema));
                }
            }
        }
        return fields.isEmpty() && nested.isEmpty()
                ? Schema.NONE
                : new Schema(List.copyOf(fields), List.copyOf(nested));
    }

    private static Class<?> elementRecord(RecordComponent component) {
        Class<?> type = component.getType();
        if (type.isRecord()) {
            return type;
        }
        if (Collection.class.isAssignableFrom(type)
                && component.getGenericType() instanceof ParameterizedType generic
                && generic.getActualTypeArguments().length == 1) {
            Type argument = generic.getActualTypeArguments()[0];
            if (argument instanceof Class<?> element && element.isRecord()) {
                return element;
            }
        }
        return null;
    }

    /** What a personal text reads as where events leave the platform (the analytics exchange): never the value. */
    public static final String WITHHELD = "[personal]";

    /**
     * The event's JSON with every personal value withheld (texts read {@link #WITHHELD}, lists empty, anything else
     * null), for copies of events that leave the event store and could never be erased again.
     */
    public static JsonNode withhold(Class<?> type, JsonNode payload) {
        Schema schema = of(type);
        if (!schema.isEmpty() && payload instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            withhold(schema, object);
        }
        return payload;
    }

    private static void withhold(Schema schema, com.fasterxml.jackson.databind.node.ObjectNode node) {
        for (Field field : schema.fields()) {
            JsonNode value = node.get(field.name());
            if (value != null && !value.isNull()) {
                node.set(
                        field.name(),
                        field.erased().isTextual() ? JsonNodeFactory.instance.textNode(WITHHELD) : field.erased());
            }
        }
        for (Nested nested : schema.nested()) {
            JsonNode child = node.get(nested.name());
            if (child instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                withhold(nested.schema(), object);
            } else if (child != null && child.isArray()) {
                child.forEach(element -> {
                    if (element instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                        withhold(nested.schema(), object);
                    }
                });
            }
        }
    }

    static JsonNode erasedValue(Class<?> type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (CharSequence.class.isAssignableFrom(type)) {
            return nodes.textNode(Erasure.ERASED);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return nodes.arrayNode();
        }
        if (Map.class.isAssignableFrom(type)) {
            return nodes.objectNode();
        }
        return NullNode.getInstance();
    }
}
