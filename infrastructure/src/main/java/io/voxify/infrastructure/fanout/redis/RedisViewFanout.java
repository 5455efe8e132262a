package io.voxify.infrastructure.fanout.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.infrastructure.fanout.ViewFanout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * View updates to every node through one Redis pub/sub channel. Pub/sub delivers to the nodes
 * listening at that moment and keeps nothing: a node that misses an update (Redis briefly
 * down) still answers from its read model, and its waiting requests fall back to a direct query.
 */
public class RedisViewFanout implements ViewFanout {
    private static final Logger log = LoggerFactory.getLogger(RedisViewFanout.class);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final String channel;

    public RedisViewFanout(StringRedisTemplate redis, ObjectMapper json, String channel) {
        this.redis = redis;
        this.json = json;
        this.channel = channel;
    }

    @Override
    public void publish(ViewUpdate update) {
        try {
            redis.convertAndSend(channel, json.writeValueAsString(update));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise view update", e);
        } catch (RuntimeException redisDown) {
            log.warn(
                    "View update for {} {} not fanned out: {}", update.queryType(), update.key(), redisDown.toString());
        }
    }
}
