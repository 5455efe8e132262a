package io.voxify.gateway.web.sse;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One Server-Sent Event written as the API document shows it, {@code data: {json}} with one space after
 * each field name ({@code id: 7}, {@code : heartbeat}); Spring's own builder writes {@code data:{json}}, which
 * breaks a client that strips the fixed prefix {@code "data: "}. Both are valid SSE.
 */
final class SpacedSseEvent implements SseEmitter.SseEventBuilder {
    private final Set<ResponseBodyEmitter.DataWithMediaType> parts = new LinkedHashSet<>();
    private final StringBuilder pending = new StringBuilder();

    static SpacedSseEvent data(String id, Object json) {
        SpacedSseEvent event = new SpacedSseEvent();
        event.id(id);
        event.data(json, MediaType.APPLICATION_JSON);
        return event;
    }

    static SpacedSseEvent heartbeat() {
        SpacedSseEvent event = new SpacedSseEvent();
        event.comment("heartbeat");
        return event;
    }

    @Override
    public SseEmitter.SseEventBuilder id(String id) {
        pending.append("id: ").append(id).append('\n');
        return this;
    }

    @Override
    public SseEmitter.SseEventBuilder name(String eventName) {
        pending.append("event: ").append(eventName).append('\n');
        return this;
    }

    @Override
    public SseEmitter.SseEventBuilder reconnectTime(long reconnectTimeMillis) {
        pending.append("retry: ").append(reconnectTimeMillis).append('\n');
        return this;
    }

    @Override
    public SseEmitter.SseEventBuilder comment(String comment) {
        pending.append(": ").append(comment).append('\n');
        return this;
    }

    @Override
    public SseEmitter.SseEventBuilder data(Object object) {
        return data(object, null);
    }

    @Override
    public SseEmitter.SseEventBuilder data(Object object, MediaType mediaType) {
        pending.append("data: ");
        flushText();
        parts.add(new ResponseBodyEmitter.DataWithMediaType(object, mediaType));
        pending.append('\n');
        return this;
    }

    @Override
    public Set<ResponseBodyEmitter.DataWithMediaType> build() {
        if (pending.isEmpty() && parts.isEmpty()) {
            return Set.of();
        }
        pending.append('\n');
        flushText();
        return parts;
    }

    private void flushText() {
        if (!pending.isEmpty()) {
            parts.add(new ResponseBodyEmitter.DataWithMediaType(pending.toString(), MediaType.TEXT_PLAIN));
            pending.setLength(0);
        }
    }
}
