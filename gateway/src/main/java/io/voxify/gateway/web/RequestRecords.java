package io.voxify.gateway.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import jakarta.validation.Constraint;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the web layer knows of a {@link RequestRecord}: its fields under their JSON names in declaration
 * order (the order in which mistakes are listed, as {@link RequestFields} lists them in the order a
 * handler reads them), the constraints on each, and how its body is read.
 */
public final class RequestRecords {
    private static final Set<Class<?>> SUPPORTED =
            Set.of(String.class, Boolean.class, Integer.class, Long.class, JsonNode.class);
    private static final Set<Class<? extends Annotation>> PRESENCE =
            Set.of(NotNull.class, NotBlank.class, NotEmpty.class, NonBlank.class);
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private RequestRecords() {}

    /** One record's fields: JSON name, type, the constraints declared on it (in declaration order). */
    record Shape(Class<?> type, Constructor<?> canonical, List<FieldShape> fields, RequestRecord rules) {

        int indexOf(String javaName) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).javaName().equals(javaName)) {
                    return i;
                }
            }
            return fields.size();
        }

        FieldShape byJsonName(String jsonName) {
            return fields.stream()
                    .filter(f -> f.jsonName().equals(jsonName))
                    .findFirst()
                    .orElse(null);
        }
    }

    record FieldShape(String javaName, String jsonName, Class<?> type, List<Annotation> constraints) {

        /** Where a constraint stands among the field's, so the first declared one speaks for the field. */
        int rank(Annotation constraint) {
            int at = constraints.indexOf(constraint);
            return at < 0 ? constraints.size() : at;
        }

        /**
         * What a value of the wrong JSON type is told. A whole number out of range and one that is no whole
         * number at all get the same message, as {@link RequestFields#integer} gives them: the message of
         * the field's first constraint on the value (not on its presence), when it has one of its own.
         */
        String wrongTypeMessage() {
            if (type == String.class) {
                return "must be a string";
            }
            if (type == Boolean.class) {
                return "must be true or false";
            }
            for (Annotation constraint : constraints) {
                if (!PRESENCE.contains(constraint.annotationType())) {
                    String message = message(constraint);
                    if (message != null && !message.startsWith("{")) {
                        return message;
                    }
                }
            }
            return "must be a whole number";
        }
    }

    static boolean isRequestRecord(Class<?> type) {
        return type.isRecord() && type.isAnnotationPresent(RequestRecord.class);
    }

    static Shape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, RequestRecords::describe);
    }

    /**
     * The body of a handler that cannot do without one, refused as {@link RequestFields#of} refuses a missing
     * body (a body that is no JSON object reads as none, or is refused while reading: {@link
     * RequestRecord#objectRequired()}).
     */
    public static <T> T present(T body) {
        if (body == null) {
            throw new DomainException(ErrorCode.INVALID_JSON, RequestFields.NO_BODY);
        }
        return body;
    }

    /** The name a client uses for a record's field ({@code voiceModelId} is {@code voice_model_id}). */
    public static String jsonName(Class<?> type, String javaName) {
        if (isRequestRecord(type)) {
            for (FieldShape field : shape(type).fields()) {
                if (field.javaName().equals(javaName)) {
                    return field.jsonName();
                }
            }
        }
        return javaName;
    }

    private static Shape describe(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        PropertyNamingStrategy naming = naming(type);
        List<FieldShape> fields = new ArrayList<>();
        for (RecordComponent component : components) {
            if (!SUPPORTED.contains(component.getType())) {
                throw new IllegalStateException(type.getName() + "." + component.getName() + " is a "
                        + component.getType().getSimpleName() + "; a request record's fields are one of " + SUPPORTED);
            }
            Field field;
            try {
                field = type.getDeclaredField(component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
            JsonProperty renamed = component.getAnnotation(JsonProperty.class);
            String jsonName = renamed != null && !renamed.value().isEmpty()
                    ? renamed.value()
                    : naming instanceof PropertyNamingStrategies.NamingBase base
                            ? base.translate(component.getName())
                            : component.getName();
            List<Annotation> constraints = Arrays.stream(field.getAnnotations())
                    .filter(a -> a.annotationType().isAnnotationPresent(Constraint.class))
                    .toList();
            fields.add(new FieldShape(component.getName(), jsonName, component.getType(), constraints));
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return new Shape(type, canonical, List.copyOf(fields), type.getAnnotation(RequestRecord.class));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PropertyNamingStrategy naming(Class<?> type) {
        JsonNaming naming = type.getAnnotation(JsonNaming.class);
        if (naming == null) {
            return null;
        }
        try {
            return naming.value().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String message(Annotation constraint) {
        try {
            return String.valueOf(
                    constraint.annotationType().getMethod("message").invoke(constraint));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Reads {@link RequestRecord}s field by field; every other type as Jackson would. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("request-records");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                return isRequestRecord(type) ? new FieldByField(shape(type)) : deserializer;
            }
        });
        return module;
    }

    /**
     * A body already parsed, read into the record as the HTTP converter reads it: null when the body is no
     * JSON object (or refused, when the record requires one); {@link RequestFieldsRefused} for unknown fields
     * and wrongly typed values, as the record's rules say.
     */
    static Object read(Shape shape, JsonNode body, JsonParser parser) throws RequestFieldsRefused {
        if (!body.isObject()) {
            if (shape.rules().objectRequired() && !body.isNull() && !body.isMissingNode()) {
                throw new DomainException(ErrorCode.INVALID_JSON, RequestFields.NOT_AN_OBJECT);
            }
            return null;
        }
        Map<String, String> unknown = new LinkedHashMap<>();
        if (shape.rules().unknownFieldsRefused()) {
            body.fieldNames().forEachRemaining(name -> {
                if (shape.byJsonName(name) == null) {
                    unknown.put(name, "is not a known field");
                }
            });
        }
        Map<String, String> wrongType = new LinkedHashMap<>();
        Object[] values = new Object[shape.fields().size()];
        for (int i = 0; i < values.length; i++) {
            FieldShape field = shape.fields().get(i);
            JsonNode value = body.get(field.jsonName());
            if (value == null || value.isNull()) {
                continue;
            }
            values[i] = readValue(field.type(), value);
            if (values[i] == null && shape.rules().wrongTypesRefused()) {
                wrongType.put(field.jsonName(), field.wrongTypeMessage());
            }
        }
        Object record;
        try {
            record = shape.canonical().newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        if (!unknown.isEmpty() || !wrongType.isEmpty()) {
            throw new RequestFieldsRefused(parser, record, unknown, wrongType);
        }
        return record;
    }

    private static final class FieldByField extends StdDeserializer<Object> {
        private final transient Shape shape;

        FieldByField(Shape shape) {
            super(shape.type());
            this.shape = shape;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return read(shape, context.readTree(parser), parser);
        }
    }

    /** The value if it is of the field's JSON type, taken as it is; null otherwise. */
    private static Object readValue(Class<?> type, JsonNode value) {
        if (type == JsonNode.class) {
            return value;
        }
        if (type == String.class) {
            return value.isTextual() ? value.textValue() : null;
        }
        if (type == Boolean.class) {
            return value.isBoolean() ? value.booleanValue() : null;
        }
        if (type == Integer.class) {
            return value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
        }
        return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
    }
}
