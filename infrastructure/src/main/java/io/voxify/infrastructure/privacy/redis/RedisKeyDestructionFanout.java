package io.voxify.infrastructure.privacy.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxify.infrastructure.privacy.KeyDestructionFanout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Destroyed keys to every node through one Redis pub/sub channel (the infra profile). A message is
 * {@code {"origin": <node>, "key_ids": [...]}}: the ids only (a user's or resource's id with its scope), never a key
 * or a personal value. Pub/sub keeps nothing for a node that is not listening at that moment; such a node forgets
 * the key when its cache entry expires ({@code voxify.privacy.key-cache-ttl}).
 *
 * <p>The wire format is this class's own (a private mapper, not the application's), so every node reads what every
 * other writes whatever the application's JSON settings. A message that is not of that shape is logged and dropped:
 * the channel is shared with whatever else can publish on the Redis server, and nothing on it may break the listener.
 */
public class RedisKeyDestructionFanout implements KeyDestructionFanout {
    private static final Logger log = LoggerFactory.getLogger(RedisKeyDestructionFanout.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ids per message: an account with thousands of jobs goes out in several messages of a few tens of KB. */
    static final int MAX_IDS_PER_MESSAGE = 500;
    /** The key table's id column is this long; a longer id is no key of ours. */
    static final int MAX_ID_LENGTH = 200;

    private final StringRedisTemplate redis;
    private final String channel;
    /** This node, so it skips its own announcements (it forgot those keys when it destroyed them). */
    private final String origin = UUID.randomUUID().toString();

    public RedisKeyDestructionFanout(StringRedisTemplate redis, String channel) {
        this.redis = redis;
        this.channel = channel;
    }

    @Override
    public void announce(List<String> keyIds) {
        for (int from = 0; from < keyIds.size(); from += MAX_IDS_PER_MESSAGE) {
            List<String> batch = keyIds.subList(from, Math.min(keyIds.size(), from + MAX_IDS_PER_MESSAGE));
            try {
                redis.convertAndSend(channel, message(batch));
            } catch (RuntimeException redisDown) {
                // Called after the destruction committed: failing here would fail a deletion that has happened.
                log.warn(
                        "{} destroyed keys not announced to the other nodes (they forget them within the key cache's"
                                + " time-to-live): {}",
                        batch.size(),
                        redisDown.toString());
            }
        }
    }

    private String message(List<String> keyIds) {
        ObjectNode message = JSON.createObjectNode().put("origin", origin);
        ArrayNode ids = message.putArray("key_ids");
        keyIds.forEach(ids::add);
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a key-destruction message", e);
        }
    }

    /**
     * A listener container (not started) that hands other nodes' announcements to {@code receiver}, one after
     * another in the subscription's own thread: forgetting a key is a few map operations.
     */
    public RedisMessageListenerContainer listener(RedisConnectionFactory connections, Receiver receiver) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(messageListener(receiver), new ChannelTopic(channel));
        return container;
    }

    MessageListener messageListener(Receiver receiver) {
        return (Message message, byte[] pattern) -> {
            List<String> keyIds;
            try {
                keyIds = read(new String(message.getBody(), StandardCharsets.UTF_8));
            } catch (Malformed malformed) {
                // The reason only, not the body: whatever was published there is not ours to copy into logs.
                log.warn(
                        "Dropped a key-destruction message on {} ({} bytes): {}",
                        channel,
                        message.getBody().length,
                        malformed.getMessage());
                return;
            }
            if (keyIds != null) {
                receiver.destroyedElsewhere(keyIds);
            }
        };
    }

    /** The key ids another node destroyed; null for this node's own message. */
    private List<String> read(String body) throws Malformed {
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            throw new Malformed("not JSON");
        }
        if (message == null || !message.isObject()) {
            throw new Malformed("not a JSON object");
        }
        JsonNode from = message.get("origin");
        if (from == null || !from.isTextual()) {
            throw new Malformed("no origin");
        }
        if (origin.equals(from.textValue())) {
            return null;
        }
        JsonNode ids = message.get("key_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw new Malformed("key_ids is not a non-empty array");
        }
        if (ids.size() > MAX_IDS_PER_MESSAGE) {
            throw new Malformed("more than " + MAX_IDS_PER_MESSAGE + " key ids");
        }
        List<String> keyIds = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.textValue().isBlank() || id.textValue().length() > MAX_ID_LENGTH) {
                throw new Malformed("a key id is not a string of 1 to " + MAX_ID_LENGTH + " characters");
            }
            keyIds.add(id.textValue());
        }
        return keyIds;
    }

    private static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }
}
