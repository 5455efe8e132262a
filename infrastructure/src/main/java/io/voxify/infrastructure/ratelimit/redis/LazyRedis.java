package io.voxify.infrastructure.ratelimit.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * One Redis connection opened on first use (and again after it closed), so a node starts while Redis is
 * down and recovers by itself when Redis is back; closing shuts the client down.
 */
final class LazyRedis implements AutoCloseable {
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    LazyRedis(RedisClient client) {
        this.client = client;
    }

    RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null || !current.isOpen()) {
            synchronized (this) {
                if (connection == null || !connection.isOpen()) {
                    connection = client.connect();
                }
                current = connection;
            }
        }
        return current.sync();
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
