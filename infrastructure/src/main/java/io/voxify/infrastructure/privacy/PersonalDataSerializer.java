package io.voxify.infrastructure.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.events.common.OwnedByUser;
import io.voxify.events.privacy.Erasure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event store's serializer: Axon's Jackson serializer with the personal parts of every event (its
 * {@link io.voxify.events.privacy.PersonalData} components and its metadata's client address) sealed on the
 * way in. The way out is {@link PersonalDataUpcaster}, first in the upcaster chain, so upcasters, aggregates,
 * sagas and projections read plain values; this serializer opens sealed values too when something deserializes
 * a stored event without the chain.
 */
public class PersonalDataSerializer implements Serializer {
    private static final byte[] SEALED_MARK = ("\"" + PersonalDataCodec.SEALED + "\"").getBytes(StandardCharsets.UTF_8);

    private final JacksonSerializer delegate;
    private final PersonalDataCodec codec;

    public PersonalDataSerializer(JacksonSerializer delegate, PersonalDataCodec codec) {
        this.delegate = delegate;
        this.codec = codec;
    }

    public JacksonSerializer delegate() {
        return delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof MetaData metadata) {
            Map<String, Object> sealed = codec.sealMetadata(metadata);
            return delegate.serialize(sealed == null ? metadata : MetaData.from(sealed), expectedRepresentation);
        }
        if (object instanceof OwnedByUser created) {
            codec.claimKeys(created);
        }
        if (object == null || PersonalFields.of(object.getClass()).isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        JsonNode tree = delegate.getObjectMapper().valueToTree(object);
        if (tree instanceof ObjectNode payload) {
            codec.seal(object.getClass(), payload);
        }
        T data = getConverter().convert(tree, JsonNode.class, expectedRepresentation);
        return new SimpleSerializedObject<>(data, expectedRepresentation, typeForClass(object.getClass()));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (!mayHoldSealedValues(serializedObject.getData())) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree =
                getConverter().convert(serializedObject.getData(), serializedObject.getContentType(), JsonNode.class);
        List<String> erased = new ArrayList<>();
        if (MetaData.class.getName().equals(serializedObject.getType().getName()) && tree instanceof ObjectNode) {
            @SuppressWarnings("unchecked")
            Map<String, Object> stored = delegate.getObjectMapper().convertValue(tree, Map.class);
            Map<String, Object> opened = codec.openMetadata(stored, erased);
            if (!erased.isEmpty()) {
                opened.put(Erasure.ERASED_FIELDS, erased);
            }
            tree = delegate.getObjectMapper().valueToTree(opened == null ? stored : opened);
        } else {
            tree = codec.open(tree).payload();
        }
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    private static boolean mayHoldSealedValues(Object data) {
        if (data instanceof byte[] bytes) {
            return contains(bytes, SEALED_MARK);
        }
        if (data instanceof String text) {
            return text.contains(PersonalDataCodec.SEALED);
        }
        return data instanceof JsonNode node && node.findValue(PersonalDataCodec.SEALED) != null;
    }

    private static boolean contains(byte[] bytes, byte[] mark) {
        outer:
        for (int i = 0; i <= bytes.length - mark.length; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (bytes[i + j] != mark[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
