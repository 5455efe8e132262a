package io.voxify.infrastructure.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxify.events.privacy.Erasure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * First in the upcaster chain: opens the sealed personal values of every stored event, so the upcasters after
 * it and everything that reads events see plain values, or erased ones where the key was destroyed. An event
 * read with erased parts says which in its metadata ({@link Erasure#ERASED_FIELDS}), for the audit API. Events
 * of a class with no personal data are passed on untouched (not even parsed), unless the class is gone, when
 * the event is searched for sealed values anyway.
 */
public class PersonalDataUpcaster extends SingleEventUpcaster {
    /** Per stored type name: whether its events may hold sealed values (the class has personal data, or is gone). */
    private final Map<String, Boolean> mayHoldPersonalData = new ConcurrentHashMap<>();

    private final PersonalDataCodec codec;

    public PersonalDataUpcaster(PersonalDataCodec codec) {
        this.codec = codec;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return mayHoldPersonalData.computeIfAbsent(event.getType().getName(), PersonalDataUpcaster::mayHold);
    }

    private static boolean mayHold(String typeName) {
        try {
            return !PersonalFields.of(Class.forName(typeName, false, PersonalDataUpcaster.class.getClassLoader()))
                    .isEmpty();
        } catch (ClassNotFoundException | LinkageError gone) {
            return true;
        }
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        Supplier<PersonalDataCodec.Opened> opened =
                once(() -> codec.open(event.getData(JsonNode.class).getData()));
        return event.upcast(
                event.getType(), JsonNode.class, ignored -> opened.get().payload(), metadata -> {
                    List<String> erased = opened.get().erased();
                    if (erased.isEmpty()) {
                        return metadata;
                    }
                    List<String> all = new ArrayList<>(erased);
                    if (metadata.get(Erasure.ERASED_FIELDS) instanceof List<?> fromMetadata) {
                        fromMetadata.forEach(path -> all.add(String.valueOf(path)));
                    }
                    return metadata.and(Erasure.ERASED_FIELDS, List.copyOf(all));
                });
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
